import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/** electron-builder.yml cannot be built here, so it is held to electron-builder's own schema and to our rules. */
const root = path.resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
const config = parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

const validate = () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  return { ok: ajv.validate(schema, config) as boolean, errors: ajv.errorsText(ajv.errors) };
};

describe('electron-builder.yml', () => {
  it("matches electron-builder's schema", () => {
    const { ok, errors } = validate();
    expect(errors).toBe('No errors');
    expect(ok).toBe(true);
  });

  it('the schema check can fail (a misspelt key is caught)', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    expect(ajv.validate(schema, { ...config, asr: true })).toBe(false);
    expect(ajv.validate(schema, { ...config, electronFuses: { runAsNodes: false } })).toBe(false);
  });

  it('builds deb and AppImage for x64 and arm64, and NSIS for Windows', () => {
    const linux = config['linux'] as { target: Array<{ target: string; arch: string[] }> };
    expect(linux.target).toEqual([
      { target: 'deb', arch: ['x64', 'arm64'] },
      { target: 'AppImage', arch: ['x64', 'arm64'] },
    ]);
    expect((config['win'] as { target: Array<{ target: string }> }).target.map((t) => t.target)).toEqual(['nsis']);
  });

  it('packs only the built app, in an asar, with the security fuses flipped', () => {
    expect(config['asar']).toBe(true);
    const files = config['files'] as string[];
    for (const source of ['main/', 'renderer/', 'tests/', 'reference-platform/', 'kiosk-config/']) {
      expect(files.some((pattern) => pattern.startsWith(source))).toBe(false);
    }
    expect(config['electronFuses']).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string };
    expect(files).toContain(`${path.dirname(pkg.main)}/**`);
  });
});
