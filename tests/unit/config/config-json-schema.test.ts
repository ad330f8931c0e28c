import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { renderConfigJsonSchema } from '../../../scripts/config-json-schema.ts';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const schemaFile = path.join(root, 'kiosk-config', 'terminal-config.schema.json');
const terminals = path.join(root, 'kiosk-config', 'terminals');
const validator = () => new Ajv2020({ allErrors: true, strict: false, logger: false }).compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);

describe('kiosk-config/terminal-config.schema.json (for editors)', () => {
  it('is the terminal schema of main/config (run `npm run config:schema` after changing it)', () => {
    expect(readFileSync(schemaFile, 'utf8')).toBe(renderConfigJsonSchema());
  });

  it('accepts every example terminal, each naming it in "$schema"', () => {
    const validate = validator();
    const examples = readdirSync(terminals).filter((name) => name.endsWith('.json') && !name.includes('staff'));
    expect(examples.length).toBeGreaterThan(0);
    for (const name of examples) {
      const config = JSON.parse(readFileSync(path.join(terminals, name), 'utf8')) as Record<string, unknown>;
      expect(config['$schema'], name).toBe('../terminal-config.schema.json');
      expect(validate(config), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('flags what the editor should: an unknown key, a wrong type, a bad device kind', () => {
    const validate = validator();
    const good = JSON.parse(readFileSync(path.join(terminals, 'demo.json'), 'utf8')) as Record<string, unknown>;
    expect(validate({ ...good, colour: 'blue' })).toBe(false);
    expect(validate({ ...good, platform: { baseUrl: 42 } })).toBe(false);
    expect(validate({ ...good, devices: [{ id: 'x', kind: 'toaster', connection: { type: 'serial', path: '/dev/ttyS0' } }] })).toBe(false);
  });
});
