import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startLoopbackServer, type LoopbackServer } from '../../main/browser-shell/loopback-server.ts';
import { outOfServicePage } from '../../main/browser-shell/out-of-service-page.ts';
import { buildPaths } from '../../main/host/build-paths.ts';
import { createKioskHost, type KioskHost } from '../../main/host/create-host.ts';
import { createRendererFiles } from '../../main/host/renderer-files.ts';
import { silentLog } from '../support/silent-log.ts';
import { testTerminal, type TestTerminal } from '../support/test-terminal.ts';

/**
 * The browser shell's server with a real host behind it, on a real loopback port, spoken to by a real
 * WebSocket client: who gets in, who does not, and what a page can do once in. Needs `npm run build`.
 */
let terminal: TestTerminal;
let host: KioskHost;
let server: LoopbackServer;

const launch = async (): Promise<string> => {
  const response = await fetch(server.issueLaunchUrl(), { redirect: 'manual' });
  expect(response.status).toBe(303);
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (cookie === undefined) throw new Error('no cookie');
  return cookie;
};

const open = (headers: Record<string, string>) =>
  new Promise<{ ws: WebSocket; frames: unknown[] }>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${new URL(server.origin).port}/__kiosk/ws`, { headers });
    const frames: unknown[] = [];
    ws.on('message', (data) => frames.push(JSON.parse(data.toString())));
    ws.once('open', () => resolve({ ws, frames }));
    ws.once('unexpected-response', (_request, response) => reject(new Error(`refused with ${response.statusCode}`)));
    ws.once('error', reject);
  });

const waitFor = async <T>(find: () => T | undefined, ms = 3000): Promise<T> => {
  const until = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

beforeAll(async () => {
  terminal = await testTerminal();
  host = createKioskHost(terminal.config, { log: silentLog() });
  await host.start();
  server = await startLoopbackServer({
    host,
    rendererFiles: createRendererFiles(buildPaths.renderer),
    pageBridgeScript: await readFile(buildPaths.pageBridge),
    port: 0,
    log: silentLog(),
    refusedPage: outOfServicePage(terminal.config),
  });
});
afterAll(async () => {
  await host.stop();
  await server.close();
  await terminal.remove();
});

describe('browser shell: who may connect', () => {
  it('refuses the page and the contract without the launch secret', async () => {
    expect((await fetch(`${server.origin}/`)).status).toBe(403);
    expect((await fetch(`${server.origin}/__kiosk/bridge.js`)).status).toBe(403);
    await expect(open({ origin: server.origin })).rejects.toThrow('refused with 403');
  });

  it('refuses a launch token that is made up or already used', async () => {
    expect((await fetch(`${server.origin}/?launch=guess`, { redirect: 'manual' })).status).toBe(403);
    const url = server.issueLaunchUrl();
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(303);
    const reused = await fetch(url, { redirect: 'manual' });
    expect(reused.status).toBe(403);
    // Not a bare "forbidden": the kiosk's out-of-service screen, in the terminal's language, with nothing to run.
    expect(reused.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const screen = await reused.text();
    expect(screen).toContain('<html lang="zh-CN">');
    expect(screen).toContain('暂停服务');
    expect(screen).toContain('服务热线 12345');
    expect(screen).toContain('测试政务服务大厅');
    expect(screen).not.toContain('<script');
    expect(reused.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+';/);
    // What is not the page stays a bare status.
    expect(await (await fetch(`${server.origin}/__kiosk/bridge.js`)).text()).toBe('forbidden');
  });

  it('answers a launch from a cross-site page (Chromium\'s launch file) with a page of its own origin, so the Strict cookie goes along', async () => {
    const response = await fetch(server.issueLaunchUrl(), { redirect: 'manual', headers: { 'sec-fetch-site': 'cross-site' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    expect(await response.text()).toContain('<meta http-equiv="refresh" content="0;url=/">');
  });

  it('serves the page, with the bridge injected and a strict CSP, once launched', async () => {
    const cookie = await launch();
    const page = await fetch(`${server.origin}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<head><script src="\/__kiosk\/bridge.js"><\/script>/);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`ws://127.0.0.1:${new URL(server.origin).port}`);
    expect((await fetch(`${server.origin}/../../etc/passwd`, { headers: { cookie } })).status).toBe(404);
  });

  it('refuses a WebSocket from another Origin even with the secret', async () => {
    const cookie = await launch();
    await expect(open({ cookie, origin: 'http://evil.example' })).rejects.toThrow('refused with 403');
    await expect(open({ cookie, origin: 'http://127.0.0.1:1' })).rejects.toThrow('refused with 403');
    await expect(open({ cookie })).rejects.toThrow('refused with 403');
  });

  it('refuses a request whose Host is not the loopback address (DNS rebinding)', async () => {
    const cookie = await launch();
    await expect(open({ cookie, origin: server.origin, host: `evil.example:${new URL(server.origin).port}` })).rejects.toThrow('refused with 421');
  });
});

describe('browser shell: malformed requests from anyone', () => {
  it('answers 400 to an upgrade whose target is not a URL, and keeps serving', async () => {
    const { connect } = await import('node:net');
    const port = Number(new URL(server.origin).port);
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () =>
        socket.write('GET http://[ HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n'),
      );
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString()));
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect((await fetch(`${server.origin}/`)).status).toBe(403); // still alive
  });
});

describe('browser shell: the contract over the WebSocket', () => {
  it('answers calls, pushes session events, and rejects malformed frames with typed errors', async () => {
    const cookie = await launch();
    const { ws, frames } = await open({ cookie, origin: server.origin });
    try {
      ws.send(JSON.stringify({ type: 'call', id: 1, method: 'kiosk.hello', params: { apiVersion: 1 } }));
      const hello = await waitFor(() => frames.find((f) => (f as { id?: number }).id === 1));
      expect(hello).toMatchObject({ type: 'result', response: { ok: true, result: { terminal: { id: 'TEST-0001' }, session: { phase: 'attract' } } } });

      ws.send(JSON.stringify({ type: 'call', id: 2, method: 'session.start', params: {} }));
      const event = await waitFor(() => frames.find((f) => (f as { type?: string }).type === 'event'));
      expect(event).toMatchObject({ type: 'event', event: { event: 'session.state', payload: { phase: 'active', locale: 'zh-CN' } } });

      ws.send('not json');
      ws.send(JSON.stringify({ type: 'call', id: 'x', method: 'session.end' }));
      ws.send(JSON.stringify({ type: 'call', id: 3, method: 'session.setLocale', params: { locale: 'xx' } }));
      ws.send(JSON.stringify({ type: 'call', id: 6, method: 'platform.status' })); // params may be left out
      ws.send(JSON.stringify({ type: 'call', id: 7, method: 42 })); // broken, but its id is answered
      ws.send(JSON.stringify({ type: 'call', id: 4, method: 'kiosk.hello', params: { apiVersion: 99 } }));
      ws.send(Buffer.from([1, 2, 3]));
      await waitFor(() => (frames.some((f) => (f as { id?: number }).id === 4) ? true : undefined));
      await waitFor(() => (frames.filter((f) => (f as { type?: string }).type === 'bad-frame').length === 3 ? true : undefined));
      await waitFor(() => frames.find((f) => (f as { id?: number }).id === 7));
      expect(frames.find((f) => (f as { id?: number }).id === 6)).toMatchObject({ response: { ok: true, result: { reachable: false } } });
      expect(frames.find((f) => (f as { id?: number }).id === 7)).toMatchObject({ response: { ok: false, error: { code: 'invalid-request' } } });
      expect(frames.find((f) => (f as { id?: number }).id === 3)).toMatchObject({ response: { ok: false, error: { code: 'invalid-request' } } });
      expect(frames.find((f) => (f as { id?: number }).id === 4)).toMatchObject({ response: { ok: false, error: { code: 'version-mismatch' } } });

      // None of that changed the session the page started.
      ws.send(JSON.stringify({ type: 'call', id: 5, method: 'session.activity', params: {} }));
      const after = await waitFor(() => frames.find((f) => (f as { id?: number }).id === 5));
      expect(after).toMatchObject({ response: { ok: true, result: { phase: 'active', locale: 'zh-CN' } } });
    } finally {
      ws.close();
      await host.dispatch({ method: 'session.end', params: {} });
    }
  });

  it('lets one page in at a time (a second connection is refused while the first is open) and takes its heartbeat', async () => {
    const cookie = await launch();
    const first = await open({ cookie, origin: server.origin });
    try {
      await expect(open({ cookie, origin: server.origin })).rejects.toThrow('refused with 409');
      first.ws.send(JSON.stringify({ type: 'heartbeat' }));
      first.ws.send(JSON.stringify({ type: 'call', id: 1, method: 'kiosk.hello', params: { apiVersion: 1 } }));
      await waitFor(() => first.frames.find((f) => (f as { id?: number }).id === 1));
      expect(first.frames.filter((f) => (f as { type?: string }).type === 'bad-frame')).toEqual([]);
    } finally {
      const closed = new Promise((resolve) => first.ws.once('close', resolve));
      first.ws.close();
      await closed;
    }
    // Once it has gone (the server hears the close a moment later), the next page (a reload) gets in.
    const reopen = async (attempt = 0): Promise<{ ws: WebSocket }> =>
      open({ cookie, origin: server.origin }).catch(async (error: unknown) => {
        if (attempt > 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return reopen(attempt + 1);
      });
    const reloaded = await reopen();
    reloaded.ws.close();
  });
});
