import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, resolveTarget } from '../../architecture/import-rules.ts';

/**
 * architecture.md: codecs import nothing at all, bytes in, values out. In drivers/locker that is every file
 * but the bus driver itself (which needs a transport, events and time): they may import only each other.
 */
const root = path.resolve(import.meta.dirname, '..', '..', '..');
const DRIVER_FILES = new Set(['drivers/locker/locker-bus.ts']);

describe('locker codecs', () => {
  const files = readdirSync(path.join(root, 'drivers/locker'))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => `drivers/locker/${name}`)
    .filter((file) => !DRIVER_FILES.has(file));

  it('are pure: they import only other codec files, no packages and no Node modules', () => {
    expect(files.length).toBeGreaterThan(8);
    const outside = files.flatMap((file) =>
      importsOf(file, readFileSync(path.join(root, file), 'utf8')).flatMap((ref) => {
        const target = resolveTarget(ref);
        if (target.kind === 'project' && files.includes(target.path)) return [];
        return [`${file}:${ref.line} imports ${ref.specifier}`];
      }),
    );
    expect(outside).toEqual([]);
  });
});
