import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sm2 } from 'sm-crypto-v2';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpPlatformAdapter, PLATFORM_ROUTES, type PlatformRequest } from '../../../main/platform/http-platform-adapter.ts';
import { PlatformUnreachable } from '../../../main/platform/platform-adapter.ts';
import { startReferencePlatform, type ReferencePlatform } from '../../../reference-platform/server.ts';
import { registeredTerminal } from '../../support/registered-terminal.ts';

/** A real HTTP server on loopback that answers however the test says (bad platforms included). */
const servers: Server[] = [];
const serve = async (handler: Parameters<typeof createServer>[1]): Promise<string> => {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/base/`;
};
let platform: ReferencePlatform | null = null;
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await platform?.close();
  platform = null;
});

describe('HTTP platform adapter: health', () => {
  it('accepts the reference platform', async () => {
    platform = await startReferencePlatform({ port: 0, now: () => new Date('2026-11-23T04:00:00Z') });
    const adapter = new HttpPlatformAdapter({ baseUrl: platform.url, timeoutMs: 1000 });
    expect(await adapter.checkHealth()).toEqual({ serverTime: '2026-11-23T04:00:00.000Z' });
  });

  it('asks below the base path', async () => {
    let asked = '';
    const baseUrl = await serve((request, response) => {
      asked = request.url ?? '';
      response.end(JSON.stringify({ status: 'ok', time: '2026-11-23T04:00:00+08:00' }));
    });
    await new HttpPlatformAdapter({ baseUrl: baseUrl.replace(/\/$/, ''), timeoutMs: 1000 }).checkHealth();
    expect(asked).toBe('/base/v1/health');
  });

  const failures: Array<[string, Parameters<typeof createServer>[1], string]> = [
    ['a 503', (_q, r) => void r.writeHead(503).end('busy'), 'HTTP 503'],
    ['garbage', (_q, r) => void r.end('<html>proxy login</html>'), 'not JSON'],
    ['the wrong shape', (_q, r) => void r.end('{"status":"degraded"}'), 'does not match'],
    ['no answer', () => undefined, 'no answer within 300 ms'],
    ['a dropped connection', (q) => void q.socket.destroy(), 'connection failed'],
  ];
  it.each(failures)('reports %s as PlatformUnreachable', async (_name, handler, reason) => {
    const adapter = new HttpPlatformAdapter({ baseUrl: await serve(handler), timeoutMs: 300 });
    const error = await adapter.checkHealth().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformUnreachable);
    expect((error as Error).message).toContain(reason);
  });

  it('reports a closed port as unreachable', async () => {
    const baseUrl = await serve(() => undefined);
    const server = servers.pop();
    server?.close();
    await new Promise((resolve) => server?.once('close', resolve));
    const error = await new HttpPlatformAdapter({ baseUrl, timeoutMs: 1000 }).checkHealth().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformUnreachable);
  });
});

describe('HTTP platform adapter: case status', () => {
  it('lists an applicant’s cases newest first, and finds one by number, against the reference platform', async () => {
    platform = await startReferencePlatform({ port: 0, guides: 50 });
    const adapter = new HttpPlatformAdapter({ baseUrl: platform.url, timeoutMs: 1000, signer: registeredTerminal(platform) });
    const cases = await adapter.casesOfApplicant('110101199001011237');
    expect(cases.map((c) => [c.caseNumber, c.stage])).toEqual([
      ['SH310115202611180007', 'in-review'],
      ['SH310115202611020031', 'ready-for-pickup'],
      ['SH310115202610150102', 'supplement-required'],
    ]);
    expect(JSON.stringify(cases)).not.toContain('110101199001011237');
    expect(await adapter.casesOfApplicant('310115195803120029')).toEqual([]);
    expect((await adapter.caseByNumber('SH310115202609300456'))?.taskName).toBe('港澳台居民居住证签注');
    expect(await adapter.caseByNumber('SH000000000000000000')).toBeNull();
  });

  it('refuses a case list that breaks the contract', async () => {
    const baseUrl = await serve((_q, r) => void r.end(JSON.stringify({ cases: [{ caseNumber: 'X' }] })));
    const signer = { terminalId: 'TEST-310115-0001', ...sm2.generateKeyPairHex() };
    const error = await new HttpPlatformAdapter({ baseUrl, timeoutMs: 500, signer }).casesOfApplicant('110101199001011237').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformUnreachable);
  });
});

describe('HTTP platform adapter: each request told to onRequest', () => {
  const signer = () => ({ terminalId: 'TEST-310115-0001', ...sm2.generateKeyPairHex() });
  const observing = (baseUrl: string, timeoutMs = 1000) => {
    const told: PlatformRequest[] = [];
    const adapter = new HttpPlatformAdapter({ baseUrl, timeoutMs, signer: signer(), onRequest: (request) => void told.push(request) });
    return { adapter, told };
  };

  it('names every call by its route, never by its URL, once per request', async () => {
    const asked: string[] = [];
    const baseUrl = await serve((request, response) => {
      asked.push(request.url ?? '');
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    const { adapter, told } = observing(baseUrl);
    const calls: Array<() => Promise<unknown>> = [
      () => adapter.checkHealth(),
      () => adapter.casesOfApplicant('110101199001011237'),
      () => adapter.caseByNumber('SH310115202611180007'),
      () => adapter.submitCase('{}', 'key-1'),
      () => adapter.submitRating('{}', 'key-2'),
      () => adapter.catalogueManifest(41),
      () => adapter.catalogueSnapshot(42),
      () => adapter.catalogueDelta(41, 42),
      () => adapter.enrolTerminal('ABCD-1234'),
      () => adapter.certificatesOf('110101199001011237'),
      () => adapter.registerLockerDeposit('{}', 'key-3'),
      () => adapter.reportLockerCollection('{}', 'key-4'),
      () => adapter.reportMaterialDropOff('{}', 'key-5'),
      () => adapter.checkPickupCode('123456', '110101199001011237'),
    ];
    // Answers of `{}` break most of the contract: what matters here is that each request was told.
    for (const call of calls) await call().catch(() => undefined);
    expect(asked).toHaveLength(calls.length);
    expect(told.map((request) => request.route)).toEqual([...PLATFORM_ROUTES]);
    expect(told.every((request) => request.outcome === 'ok' && request.seconds > 0 && request.seconds < 1)).toBe(true);
    expect(JSON.stringify(told)).not.toMatch(/SH3101|1101011990|\?|\//);
  });

  it('tells an HTTP error, a timeout and a dropped connection apart', async () => {
    const failing = observing(await serve((_q, r) => void r.writeHead(503).end('busy')));
    await failing.adapter.checkHealth().catch(() => undefined);
    await failing.adapter.submitCase('{}', 'key-1').catch(() => undefined);
    expect(failing.told.map((r) => [r.route, r.outcome])).toEqual([
      ['health', 'http-error'],
      ['cases.submit', 'http-error'],
    ]);

    const silent = observing(await serve(() => undefined), 300);
    await silent.adapter.checkHealth().catch(() => undefined);
    await silent.adapter.submitCase('{}', 'key-1').catch(() => undefined);
    expect(silent.told.map((r) => [r.route, r.outcome])).toEqual([
      ['health', 'timeout'],
      ['cases.submit', 'timeout'],
    ]);
    expect(silent.told.every((r) => r.seconds >= 0.29 && r.seconds < 5)).toBe(true);

    // A GET whose connection dropped is tried once more: two requests, both told.
    const dropping = observing(await serve((q) => void q.socket.destroy()));
    await dropping.adapter.checkHealth().catch(() => undefined);
    await dropping.adapter.submitCase('{}', 'key-1').catch(() => undefined);
    expect(dropping.told.map((r) => [r.route, r.outcome])).toEqual([
      ['health', 'network-error'],
      ['health', 'network-error'],
      ['cases.submit', 'network-error'],
    ]);
  });

  it('still answers when the observer throws', async () => {
    const baseUrl = await serve((_q, r) => void r.end(JSON.stringify({ status: 'ok', time: '2026-11-23T04:00:00+08:00' })));
    const adapter = new HttpPlatformAdapter({
      baseUrl,
      timeoutMs: 1000,
      onRequest: () => {
        throw new Error('observer broke');
      },
    });
    expect(await adapter.checkHealth()).toEqual({ serverTime: '2026-11-23T04:00:00+08:00' });
  });
});

describe('reference platform case store', () => {
  it('keeps its cases in its SQLite file across restarts', async () => {
    const { mkdtemp, rm } = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'reference-platform-'));
    try {
      const { CaseStore } = await import('../../../reference-platform/cases/case-store.ts');
      const { openPlatformDatabase } = await import('../../../reference-platform/platform-database.ts');
      const firstDb = openPlatformDatabase(path.join(dir, 'platform.sqlite'));
      const first = new CaseStore(firstDb);
      first.insert({ caseNumber: 'T1', taskCode: 't', taskName: '测试事项', deptName: 'd', applicantIdNumber: '110101199001011237', applicantName: '王测试', stage: 'submitted', stageNote: null, submittedAt: '2026-11-23T10:00:00+08:00', acceptedAt: null, promiseDate: null, completedAt: null });
      firstDb.close();
      const secondDb = openPlatformDatabase(path.join(dir, 'platform.sqlite'));
      expect(new CaseStore(secondDb).byCaseNumber('T1')?.taskName).toBe('测试事项');
      secondDb.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
