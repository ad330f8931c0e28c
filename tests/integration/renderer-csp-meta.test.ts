import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPaths } from '../../main/host/build-paths.ts';
import { contentSecurityPolicy, metaContentSecurityPolicy } from '../../main/host/content-security-policy.ts';

/** The built page carries its CSP in a meta as well as in the shells' header (npm test builds before it runs). */
describe('the renderer build', () => {
  const html = readFileSync(path.join(buildPaths.renderer, 'index.html'), 'utf8');
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);

  it('has the CSP as a meta element before any script', () => {
    expect(meta).not.toBeNull();
    expect((meta?.[1] ?? '').replaceAll('&#39;', "'")).toBe(metaContentSecurityPolicy());
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
  });

  it('is the header policy without frame-ancestors and sandbox (a meta cannot carry them), with the loopback WebSocket on any port', () => {
    const header = contentSecurityPolicy(['ws://127.0.0.1:*']).split('; ');
    expect(metaContentSecurityPolicy().split('; ')).toEqual(
      header.filter((directive) => directive !== "frame-ancestors 'none'" && !directive.startsWith('sandbox ')),
    );
    expect(metaContentSecurityPolicy()).toContain("script-src 'self';");
    expect(metaContentSecurityPolicy()).not.toContain('unsafe');
  });
});
