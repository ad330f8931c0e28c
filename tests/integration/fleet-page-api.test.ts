import { request as httpRequest } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFleetPage, type FleetPage } from '../../reference-platform/fleet/fleet-page-server.ts';
import { startFleetServer, type FleetServer } from '../../reference-platform/fleet/fleet-server.ts';
import { connectFakeTerminal, type FakeFleetTerminal } from '../support/mqtt-fleet-device.ts';
import { silentLog } from '../support/silent-log.ts';

/** The fleet page's JSON API (docs/fleet-page.md): what it takes, and what it refuses with a sentence. */
let fleet: FleetServer;
let page: FleetPage;
let terminal: FakeFleetTerminal;

beforeEach(async () => {
  fleet = await startFleetServer({ mqttPort: 0, log: silentLog() });
  page = await startFleetPage({ port: 0, fleet, log: silentLog() });
  terminal = await connectFakeTerminal(fleet.brokerUrl, { token: 'T1', answer: (method, params) => ({ method, params }) });
});
afterEach(async () => {
  await terminal.end();
  await page.close();
  await fleet.close();
});

const post = (path: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(new URL(path, page.url), { method: 'POST', headers, body });

/** A request with the Host header as given (fetch sets its own). */
const withHost = (host: string) =>
  new Promise<number>((resolve, reject) => {
    const { port } = new URL(page.url);
    const request = httpRequest({ host: '127.0.0.1', port, path: '/api/terminals', headers: { host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.once('error', reject);
    request.end();
  });

describe('the fleet page API', () => {
  it('lists terminals, gives one’s detail, sends an RPC and a shared attribute', async () => {
    await expect.poll(async () => ((await (await fetch(new URL('/api/terminals', page.url))).json()) as { terminals: Array<{ id: string; online: boolean }> }).terminals).toEqual([
      expect.objectContaining({ id: 'T1', online: true }),
    ]);
    const detail = await fetch(new URL('/api/terminals/T1', page.url));
    expect(((await detail.json()) as { terminal: { alerts: unknown[] } }).terminal.alerts).toEqual([]);

    const rpc = await post('/api/terminals/T1/rpc', JSON.stringify({ method: 'setLogLevel', params: { level: 'debug', minutes: 30 } }));
    expect(rpc.status).toBe(200);
    expect(await rpc.json()).toEqual({ method: 'setLogLevel', response: { method: 'setLogLevel', params: { level: 'debug', minutes: 30 } } });

    const shared = await post('/api/terminals/T1/attributes', JSON.stringify({ targetVersion: '0.2.0' }));
    expect(await shared.json()).toEqual({ shared: { targetVersion: '0.2.0' } });
    expect((await terminal.next(/^v1\/devices\/me\/attributes$/)).body).toEqual({ targetVersion: '0.2.0' });
  });

  it('refuses bad JSON, a body over 64 KB, bad commands and attributes with 400 and a sentence', async () => {
    const refusal = async (response: Response) => ({ status: response.status, message: ((await response.json()) as { error: { message: string } }).error.message });
    expect(await refusal(await post('/api/terminals/T1/rpc', '{"method": '))).toEqual({ status: 400, message: 'the body is not JSON' });
    expect(await refusal(await post('/api/terminals/T1/attributes', JSON.stringify({ big: 'x'.repeat(70_000) })))).toEqual({ status: 400, message: 'the body is larger than 64 KB' });
    expect(await refusal(await post('/api/terminals/T1/rpc', JSON.stringify({ method: 'formatDisk' })))).toMatchObject({ status: 400, message: expect.stringContaining('method must be one of getDeviceStates') });
    expect(await refusal(await post('/api/terminals/T1/rpc', JSON.stringify({ method: 'openLockerDoor', params: { cabinet: 'A柜', door: 0 } })))).toMatchObject({ status: 400, message: expect.stringContaining('params.door') });
    expect(await refusal(await post('/api/terminals/T1/attributes', '[1]'))).toMatchObject({ status: 400, message: expect.stringContaining('JSON object') });
    expect(await refusal(await post('/api/terminals/T1/attributes', '{}'))).toMatchObject({ status: 400, message: expect.stringContaining('at least one attribute') });
    expect(await refusal(await post('/api/terminals/NOBODY/rpc', JSON.stringify({ method: 'restart' })))).toMatchObject({ status: 404 });
    // The page still serves.
    expect((await fetch(page.url)).status).toBe(200);
  });

  it('takes a POST only as JSON from its own origin, and any request only for its own host', async () => {
    expect((await post('/api/terminals/T1/rpc', 'method=restart', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    expect((await post('/api/terminals/T1/rpc', '{"method":"restart"}', { 'content-type': 'application/json', origin: 'http://evil.example' })).status).toBe(403);
    expect(await withHost('evil.example:80')).toBe(421);
    expect(await withHost(new URL(page.url).host)).toBe(200);
  });

  it('serves the page with a CSP that allows only its own script and style', async () => {
    const response = await fetch(page.url);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await response.text()).toContain('<script type="module" src="/fleet-page.js"></script>');
    expect((await fetch(new URL('/fleet-page.js', page.url))).headers.get('content-type')).toMatch(/^text\/javascript/);
  });
});
