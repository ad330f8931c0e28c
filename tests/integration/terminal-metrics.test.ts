import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import parsePrometheusTextFormat, { type PrometheusFamily, type PrometheusSample } from 'parse-prometheus-text-format';
import { afterEach, describe, expect, it } from 'vitest';
import { createAlerts } from '../../main/fleet/alerts.ts';
import { MetricsServer } from '../../main/fleet/metrics-server.ts';
import { TerminalMetrics, type MetricsSnapshot } from '../../main/fleet/terminal-metrics.ts';
import { HttpPlatformAdapter } from '../../main/platform/http-platform-adapter.ts';
import type { DeliveryState } from '../../main/cases/outbox.ts';
import { silentLog } from '../support/silent-log.ts';
import { capturedLog } from '../support/captured-log.ts';

/**
 * The terminal's /metrics as Prometheus scrapes it: a real HTTP server on loopback, scraped with fetch and read with a
 * Prometheus text parser — the gauges read from the terminal at each scrape, the counters and the histogram the host
 * feeds at events, the process metrics, and what it answers to anything else.
 */
const stopping: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stopping.splice(0).reverse()) await stop();
});

const SYNCED_AT = Date.parse('2026-11-23T08:00:00Z');
const NOW = SYNCED_AT + 90_000;

const aTerminal = (): MetricsSnapshot => ({
  appVersion: '1.4.0',
  platformReachable: true,
  catalogueSyncedAt: SYNCED_AT,
  printerPaper: 'near-end',
  devices: [
    { id: 'id-reader', kind: 'idcard-reader', state: 'ready' },
    { id: 'printer', kind: 'receipt-printer', state: 'degraded' },
    { id: 'locker-a', kind: 'locker-bus', state: 'offline' },
    { id: 'qr', kind: 'qr-scanner', state: 'error' },
  ],
  lockerDoorsJammed: 2,
  outOfService: false,
});

const served = async (options: { snapshot?: () => MetricsSnapshot; outbox?: Partial<Record<DeliveryState, number>> } = {}) => {
  let terminal = aTerminal();
  let reads = 0;
  const metrics = new TerminalMetrics({
    snapshot:
      options.snapshot ??
      (() => {
        reads += 1;
        return terminal;
      }),
    outboxCounts: () => options.outbox ?? { queued: 3, 'needs-attention': 1, accepted: 12 },
    now: () => NOW,
  });
  const { log, lines } = capturedLog();
  const server = new MetricsServer({ metrics, port: 0, log });
  const url = await server.start();
  stopping.push(() => server.stop());
  return {
    metrics,
    url,
    lines,
    reads: () => reads,
    change: (next: Partial<MetricsSnapshot>) => void (terminal = { ...terminal, ...next }),
  };
};

const scrape = async (url: string) => {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return { contentType: response.headers.get('content-type'), families: parsePrometheusTextFormat(await response.text()) };
};

const family = (families: PrometheusFamily[], name: string): PrometheusFamily => {
  const found = families.find((f) => f.name === name);
  if (found === undefined) throw new Error(`no metric family ${name}`);
  return found;
};

/** The family's samples as `label=value,…` → value, for assertions that read like the exposition. */
const valuesOf = (families: PrometheusFamily[], name: string): Record<string, number> => {
  const values: Record<string, number> = {};
  for (const sample of family(families, name).metrics) values[labelKey(sample)] = Number(sample.value);
  return values;
};
const labelKey = (sample: PrometheusSample) =>
  Object.entries(sample.labels ?? {})
    .map(([name, value]) => `${name}=${value}`)
    .join(',');

/**
 * One series of a labelled histogram, as the exposition of a histogram without those labels: parse-prometheus-text-format
 * (1.1.1) reads only unlabelled histograms (it folds every series' buckets into one and drops labelled sums and counts).
 */
const oneSeries = (text: string, name: string, labels: Record<string, string>): string => {
  const wanted = Object.entries(labels).map(([label, value]) => `${label}="${value}"`);
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith(`# HELP ${name} `) || line.startsWith(`# TYPE ${name} `)) lines.push(line);
    const sample = /^(\w+)\{(.*)\} (\S+)$/.exec(line);
    if (sample === null || !sample[1]?.startsWith(`${name}_`)) continue;
    const own = (sample[2] ?? '').split(/,(?=\w+=")/);
    if (!wanted.every((pair) => own.includes(pair))) continue;
    const rest = own.filter((pair) => !wanted.includes(pair));
    lines.push(`${sample[1]}${rest.length === 0 ? '' : `{${rest.join(',')}}`} ${sample[3] ?? ''}`);
  }
  return `${lines.join('\n')}\n`;
};

describe('the terminal’s /metrics', () => {
  it('serves on 127.0.0.1 only, at a free port when configured 0', async () => {
    const { url } = await served();
    const { port, hostname, pathname } = new URL(url);
    expect(hostname).toBe('127.0.0.1');
    expect(pathname).toBe('/metrics');
    expect(Number(port)).toBeGreaterThan(0);
    // Another loopback address and the machine's own addresses are refused: the socket is bound to 127.0.0.1.
    const elsewhere = ['127.0.0.2', '[::1]'];
    for (const addresses of Object.values(networkInterfaces())) {
      for (const address of addresses ?? []) if (!address.internal && address.family === 'IPv4') elsewhere.push(address.address);
    }
    for (const host of elsewhere) {
      const error = await fetch(`http://${host}:${port}/metrics`, { signal: AbortSignal.timeout(2000) }).catch((e: unknown) => e);
      expect(error, host).toBeInstanceOf(TypeError);
    }
  });

  it('shows each device, the outbox by state, the platform, the catalogue’s age and the printer, as read at the scrape', async () => {
    const { url, change, reads } = await served();
    const first = await scrape(url);
    expect(first.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    const { families } = first;
    expect(family(families, 'kiosk_device_up').type).toBe('GAUGE');
    expect(family(families, 'kiosk_device_up').help).toMatch(/^Whether a configured device works/);
    expect(valuesOf(families, 'kiosk_device_up')).toEqual({
      'device=id-reader,kind=idcard-reader': 1,
      'device=printer,kind=receipt-printer': 1,
      'device=locker-a,kind=locker-bus': 0,
      'device=qr,kind=qr-scanner': 0,
    });
    const states = valuesOf(families, 'kiosk_device_state');
    expect(Object.keys(states)).toHaveLength(16);
    expect(Object.entries(states).filter(([, value]) => value === 1).map(([labels]) => labels)).toEqual([
      'device=id-reader,kind=idcard-reader,state=ready',
      'device=printer,kind=receipt-printer,state=degraded',
      'device=locker-a,kind=locker-bus,state=offline',
      'device=qr,kind=qr-scanner,state=error',
    ]);
    expect(valuesOf(families, 'kiosk_outbox_entries')).toEqual({ 'state=queued': 3, 'state=sending': 0, 'state=needs-attention': 1, 'state=rejected': 0, 'state=accepted': 12 });
    expect(valuesOf(families, 'kiosk_platform_reachable')).toEqual({ '': 1 });
    expect(valuesOf(families, 'kiosk_catalogue_age_seconds')).toEqual({ '': 90 });
    expect(valuesOf(families, 'kiosk_printer_paper')).toEqual({ 'state=ok': 0, 'state=near-end': 1, 'state=out': 0, 'state=unknown': 0 });
    expect(valuesOf(families, 'kiosk_locker_doors_jammed')).toEqual({ '': 2 });
    expect(valuesOf(families, 'kiosk_out_of_service')).toEqual({ '': 0 });
    expect(valuesOf(families, 'kiosk_info')).toEqual({ 'version=1.4.0': 1 });
    // One read of the terminal for the whole scrape, so its gauges agree with each other.
    expect(reads()).toBe(1);

    // The next scrape reads the terminal as it is then: a device gone, the platform away, a catalogue never synced.
    change({ devices: [{ id: 'id-reader', kind: 'idcard-reader', state: 'offline' }], platformReachable: false, catalogueSyncedAt: null, outOfService: true });
    const { families: next } = await scrape(url);
    expect(reads()).toBe(2);
    expect(valuesOf(next, 'kiosk_device_up')).toEqual({ 'device=id-reader,kind=idcard-reader': 0 });
    expect(Object.keys(valuesOf(next, 'kiosk_device_state'))).toHaveLength(4);
    expect(valuesOf(next, 'kiosk_platform_reachable')).toEqual({ '': 0 });
    expect(valuesOf(next, 'kiosk_catalogue_age_seconds')['']).toBeNaN();
    expect(valuesOf(next, 'kiosk_out_of_service')).toEqual({ '': 1 });
  });

  it('counts the host’s events, each known label value from 0', async () => {
    const { url, metrics } = await served();
    const before = (await scrape(url)).families;
    expect(valuesOf(before, 'kiosk_sessions_total')).toEqual({ '': 0 });
    expect(valuesOf(before, 'kiosk_cases_decided_total')).toEqual({ 'outcome=accepted': 0, 'outcome=rejected': 0, 'outcome=needs-attention': 0 });
    expect(valuesOf(before, 'kiosk_alerts_total')['kind=help-requested']).toBe(0);

    for (let i = 0; i < 3; i += 1) metrics.sessionStarted();
    metrics.sessionIdentified();
    metrics.sessionIdentified();
    metrics.caseSubmitted();
    metrics.caseSubmitted();
    metrics.caseDecided('accepted');
    metrics.caseDecided('accepted');
    metrics.caseDecided('needs-attention');
    metrics.printJob('printed');
    metrics.printJob('printed');
    metrics.printJob('failed', 'paper-out');
    metrics.printJob('failed');
    metrics.lockerOpening('opened');
    metrics.lockerOpening('jammed');
    metrics.lockerOpening('seen-open');
    const alerts = createAlerts(silentLog());
    const uncount = metrics.countAlertsOf(alerts);
    alerts.raise('paper-out', 'the printer is out of paper');
    alerts.clear('paper-out', 'paper is back');
    alerts.raise('door-jammed', 'door A-03 did not open');
    uncount();
    alerts.raise('door-jammed', 'after unsubscribing: not counted');
    metrics.alert('help-requested');

    const { families } = await scrape(url);
    expect(family(families, 'kiosk_sessions_total').type).toBe('COUNTER');
    expect(valuesOf(families, 'kiosk_sessions_total')).toEqual({ '': 3 });
    expect(valuesOf(families, 'kiosk_sessions_identified_total')).toEqual({ '': 2 });
    expect(valuesOf(families, 'kiosk_cases_submitted_total')).toEqual({ '': 2 });
    expect(valuesOf(families, 'kiosk_cases_decided_total')).toEqual({ 'outcome=accepted': 2, 'outcome=rejected': 0, 'outcome=needs-attention': 1 });
    expect(valuesOf(families, 'kiosk_print_jobs_total')).toEqual({ 'outcome=printed': 2, 'outcome=failed': 2 });
    expect(valuesOf(families, 'kiosk_print_failures_total')).toEqual({ 'problem=offline': 0, 'problem=paper-out': 1, 'problem=cover-open': 0, 'problem=cutter-error': 0, 'problem=unknown': 1 });
    expect(valuesOf(families, 'kiosk_locker_openings_total')).toEqual({ 'outcome=opened': 1, 'outcome=jammed': 1, 'outcome=no-response': 0, 'outcome=seen-open': 1 });
    const alertCounts = valuesOf(families, 'kiosk_alerts_total');
    expect(Object.keys(alertCounts)).toHaveLength(9);
    expect(Object.fromEntries(Object.entries(alertCounts).filter(([, n]) => n > 0))).toEqual({ 'kind=paper-out': 1, 'kind=door-jammed': 1, 'kind=help-requested': 1 });
  });

  it('times platform requests in a histogram by route and outcome, fed by the adapter’s onRequest', async () => {
    const { url, metrics } = await served();
    const platform: Server = createServer((_request, response) => void response.end(JSON.stringify({ status: 'ok', time: '2026-11-23T16:00:00+08:00' })));
    await new Promise<void>((resolve) => platform.listen(0, '127.0.0.1', resolve));
    stopping.push(async () => {
      platform.closeAllConnections();
      await new Promise((resolve) => platform.close(resolve));
    });
    const adapter = new HttpPlatformAdapter({ baseUrl: `http://127.0.0.1:${(platform.address() as AddressInfo).port}/`, timeoutMs: 2000, onRequest: metrics.observePlatformRequest });
    await adapter.checkHealth();
    metrics.platformRequest('cases.submit', 0.003, 'ok');
    metrics.platformRequest('cases.submit', 0.2, 'ok');
    metrics.platformRequest('cases.submit', 7, 'timeout');
    metrics.platformRequest('cases.submit', Number.NaN, 'ok'); // dropped

    const response = await fetch(url);
    const text = await response.text();
    const histogram = family(parsePrometheusTextFormat(text), 'kiosk_platform_request_duration_seconds');
    expect(histogram.type).toBe('HISTOGRAM');
    expect(text.split('\n').filter((line) => line.startsWith('kiosk_platform_request_duration_seconds_count{'))).toHaveLength(3);
    const series = (route: string, outcome: string) => {
      const [found, ...more] = family(parsePrometheusTextFormat(oneSeries(text, 'kiosk_platform_request_duration_seconds', { route, outcome })), 'kiosk_platform_request_duration_seconds').metrics;
      if (found?.buckets === undefined || more.length > 0) throw new Error(`no single series ${route} ${outcome}`);
      return { buckets: Object.fromEntries(Object.entries(found.buckets).map(([le, n]) => [le, Number(n)])), count: Number(found.count), sum: Number(found.sum) };
    };
    expect(series('cases.submit', 'ok')).toEqual({
      buckets: { '0.005': 1, '0.01': 1, '0.025': 1, '0.05': 1, '0.1': 1, '0.25': 2, '0.5': 2, '1': 2, '2.5': 2, '5': 2, '10': 2, '+Inf': 2 },
      count: 2,
      sum: 0.203,
    });
    const timedOut = series('cases.submit', 'timeout');
    expect([timedOut.buckets['5'], timedOut.buckets['10'], timedOut.count, timedOut.sum]).toEqual([0, 1, 1, 7]);
    const health = series('health', 'ok');
    expect(health.count).toBe(1);
    expect(health.buckets['+Inf']).toBe(1);
    expect(health.sum).toBeGreaterThan(0);
    expect(health.sum).toBeLessThan(2);
  });

  it('carries the standard process metrics', async () => {
    const { url } = await served();
    const { families } = await scrape(url);
    const names = families.map((f) => f.name);
    for (const name of ['process_start_time_seconds', 'process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_version_info']) {
      expect(names, name).toContain(name);
    }
    const started = Number(family(families, 'process_start_time_seconds').metrics[0]?.value);
    expect(started).toBeGreaterThan(Date.now() / 1000 - 3600);
    expect(started).toBeLessThanOrEqual(Date.now() / 1000);
    // Nothing but these three prefixes: the registry is the terminal's own, not prom-client's global one.
    expect(names.filter((name) => !/^(kiosk|process|nodejs)_/.test(name))).toEqual([]);
  });

  it('answers 404 beside /metrics and 405 to another method', async () => {
    const { url } = await served();
    const root = new URL(url).origin;
    for (const path of ['/', '/metrics/', '/metrics.json', '/favicon.ico']) expect((await fetch(`${root}${path}`)).status, path).toBe(404);
    expect((await fetch(`${url}?name[]=kiosk_device_up`)).status).toBe(200);
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const response = await fetch(url, { method, body: method === 'DELETE' ? null : 'x' });
      expect(response.status, method).toBe(405);
      expect(response.headers.get('allow')).toBe('GET');
    }
  });

  it('answers 500 and logs when the terminal cannot be read, and the next scrape works', async () => {
    let failing = true;
    const { url, lines } = await served({
      snapshot: () => {
        if (failing) throw new Error('device board not answering');
        return aTerminal();
      },
    });
    const response = await fetch(url);
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('metrics unavailable: the terminal could not be read (see the kiosk log)\n');
    const logged = lines.find((line) => line.msg === 'metrics scrape failed');
    expect(logged?.level).toBe(50);
    expect(JSON.stringify(logged?.err)).toContain('device board not answering');

    failing = false;
    const { families } = await scrape(url);
    expect(valuesOf(families, 'kiosk_device_up')['device=id-reader,kind=idcard-reader']).toBe(1);
  });

  it('logs where it serves, and stops: its port refuses afterwards', async () => {
    const { url, lines } = await served();
    expect(lines.find((line) => line.msg === 'metrics served')?.url).toBe(url);
    await stopping.pop()?.();
    const error = await fetch(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
  });
});
