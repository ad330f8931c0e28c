import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderApiDocs } from '../../scripts/api-docs.ts';

describe('docs/api.md', () => {
  it('is the contract as declared in main/api (run `npm run docs:api` after changing it)', () => {
    const written = readFileSync(path.resolve(import.meta.dirname, '..', '..', 'docs', 'api.md'), 'utf8');
    expect(written).toBe(renderApiDocs());
  });

  it('documents every method and event', () => {
    const docs = renderApiDocs();
    for (const name of ['kiosk.hello', 'session.start', 'session.extend', 'session.setLocale', 'session.state', 'platform.status']) {
      expect(docs).toContain(`### \`${name}\``);
    }
  });
});
