import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRendererFiles } from '../../../main/host/renderer-files.ts';
import { appProtocolResponse, isAllowedRendererRequest, isAppUrl, PAGE_GUARDS_PATH } from '../../../main/shell/app-protocol.ts';
import { isTrustedSender } from '../../../main/shell/ipc-sender.ts';

describe('app:// URLs', () => {
  it.each(['app://kiosk/index.html', 'app://kiosk/assets/index-abc.js', 'app://kiosk/'])('%s is the kiosk', (url) => {
    expect(isAppUrl(url)).toBe(true);
  });
  it.each(['app://kiosk.evil/index.html', 'app://evil/index.html', 'app://kiosk@evil/', 'https://kiosk/', 'file:///index.html', 'not a url'])(
    '%s is not',
    (url) => {
      expect(isAppUrl(url)).toBe(false);
    },
  );
  it('lets the page fetch only its own files, data: and its own blobs', () => {
    expect(isAllowedRendererRequest('app://kiosk/assets/a.js')).toBe(true);
    expect(isAllowedRendererRequest('data:image/png;base64,AA')).toBe(true);
    expect(isAllowedRendererRequest('blob:app://kiosk/1234')).toBe(true);
    for (const url of ['http://127.0.0.1:8700/v1/health', 'https://example.com/', 'ws://127.0.0.1/', 'file:///etc/passwd', 'blob:https://evil/1']) {
      expect(isAllowedRendererRequest(url), url).toBe(false);
    }
  });
});

describe('IPC sender validation', () => {
  it('accepts only the top frame of the kiosk page', () => {
    expect(isTrustedSender({ url: 'app://kiosk/index.html', parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'app://kiosk/index.html', parent: {} })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'app://kiosk.evil/index.html', parent: null })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });
});

describe('app:// protocol handler', () => {
  let base: string;
  let files: ReturnType<typeof createRendererFiles>;
  beforeAll(async () => {
    base = await mkdtemp(path.join(os.tmpdir(), 'kiosk-app-protocol-'));
    await mkdir(path.join(base, 'renderer', 'assets'), { recursive: true });
    await writeFile(path.join(base, 'renderer', 'index.html'), '<html></html>');
    await writeFile(path.join(base, 'renderer', 'assets', 'app.js'), 'console.log(1)');
    await writeFile(path.join(base, 'renderer', 'assets', 'notes.txt'), 'plain');
    await writeFile(path.join(base, 'secret.json'), '{"key":"do not serve"}');
    await symlink(path.join(base, 'secret.json'), path.join(base, 'renderer', 'assets', 'link.json'));
    files = createRendererFiles(path.join(base, 'renderer'));
  });
  afterAll(() => rm(base, { recursive: true, force: true }));

  it('serves the page with a strict CSP and the right type', async () => {
    const response = await appProtocolResponse('app://kiosk/index.html', files);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(await response.text()).toBe('<html></html>');
  });

  it('is a sandboxed document: no popups, modals or downloads', async () => {
    const response = await appProtocolResponse('app://kiosk/index.html', files);
    expect(response.headers.get('content-security-policy')).toContain('sandbox allow-scripts allow-same-origin allow-forms');
  });

  it('serves the page guards and puts them before everything else on the page', async () => {
    await writeFile(path.join(base, 'renderer', 'index.html'), '<html><head><script src="/assets/app.js"></script></head></html>');
    const pageGuards = Buffer.from('/* guards */');
    const page = await appProtocolResponse('app://kiosk/index.html', files, { pageGuards });
    expect(await page.text()).toBe(`<html><head><script src="${PAGE_GUARDS_PATH}"></script><script src="/assets/app.js"></script></head></html>`);
    const guards = await appProtocolResponse(`app://kiosk${PAGE_GUARDS_PATH}`, files, { pageGuards });
    expect(guards.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await guards.text()).toBe('/* guards */');
    await writeFile(path.join(base, 'renderer', 'index.html'), '<html></html>');
  });

  it('serves assets', async () => {
    const response = await appProtocolResponse('app://kiosk/assets/app.js', files);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/javascript');
  });

  it.each([
    'app://kiosk/../secret.json',
    'app://kiosk/%2e%2e/secret.json',
    'app://kiosk/assets/%2e%2e%2f%2e%2e%2fsecret.json',
    'app://kiosk/assets/link.json',
    'app://kiosk/assets/notes.txt',
    'app://kiosk/missing.js',
    'app://kiosk/assets/%00.js',
    'app://kiosk/%E0%A4%A.js',
    'app://elsewhere/index.html',
  ])('answers 404 for %s', async (url) => {
    const response = await appProtocolResponse(url, files);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('do not serve');
  });
});
