import { afterEach, describe, expect, it } from 'vitest';
import { systemdNotifier, watchdogPingInterval } from '../../main/host/systemd-notify.ts';
import { notifySocket } from '../support/notify-socket.ts';
import { startNodeProcess, type RunningProcess } from '../support/processes.ts';
import { silentLog } from '../support/silent-log.ts';
import { testTerminal, type TestTerminal } from '../support/test-terminal.ts';

/** The host tells systemd it is up, that it lives, and that it stops, over a real NOTIFY_SOCKET. */
let socket: Awaited<ReturnType<typeof notifySocket>> | null = null;
let terminal: TestTerminal | null = null;
let running: RunningProcess | null = null;
afterEach(async () => {
  await running?.stop();
  await terminal?.remove();
  await socket?.close();
  running = null;
  terminal = null;
  socket = null;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const texts = () => socket?.messages().map((message) => message.text) ?? [];
const pings = () => socket?.messages().filter((message) => message.text === 'WATCHDOG=1') ?? [];

describe('the systemd notifier', () => {
  it('says READY=1, pings the watchdog every half period, and stops pinging after STOPPING=1', async () => {
    socket = await notifySocket();
    const notifier = systemdNotifier({ log: silentLog(), env: { ...process.env, NOTIFY_SOCKET: socket.path, WATCHDOG_USEC: '400000' } });
    expect(notifier.enabled).toBe(true);
    notifier.ready('terminal T-1 running');
    await expect.poll(() => pings().length, { timeout: 5000 }).toBeGreaterThanOrEqual(3);
    expect(texts()[0]).toBe('READY=1\nSTATUS=terminal T-1 running');

    await notifier.stopping();
    const count = pings().length;
    expect(texts().at(-1)).toBe('STOPPING=1');
    await sleep(700);
    expect(pings().length).toBe(count);
  });

  it('sends no ping while the event loop is blocked: a hung host is restarted by systemd', async () => {
    socket = await notifySocket();
    const notifier = systemdNotifier({ log: silentLog(), env: { ...process.env, NOTIFY_SOCKET: socket.path, WATCHDOG_USEC: '200000' } });
    notifier.ready('up');
    await expect.poll(() => pings().length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    const blockedFrom = Date.now();
    while (Date.now() - blockedFrom < 1500) {
      // a host stuck in a loop
    }
    const before = pings().length;
    await expect.poll(() => pings().length, { timeout: 5000 }).toBeGreaterThan(before);
    // between the last ping before the block and the first after it, nothing arrived for the block's length
    const gaps = pings()
      .slice(1)
      .map((message, index) => message.at - (pings()[index]?.at ?? 0));
    expect(Math.max(...gaps)).toBeGreaterThanOrEqual(1300);
    await notifier.stopping();
  });

  it('does nothing outside systemd, and pings no watchdog that watches another process', async () => {
    const outside = systemdNotifier({ log: silentLog(), env: {}, command: '/nonexistent/systemd-notify' });
    expect(outside.enabled).toBe(false);
    outside.ready('up');
    await outside.stopping();

    expect(watchdogPingInterval({ WATCHDOG_USEC: '30000000' }, 42)).toBe(15_000);
    expect(watchdogPingInterval({ WATCHDOG_USEC: '30000000', WATCHDOG_PID: '42' }, 42)).toBe(15_000);
    expect(watchdogPingInterval({ WATCHDOG_USEC: '30000000', WATCHDOG_PID: '7' }, 42)).toBeNull();
    expect(watchdogPingInterval({}, 42)).toBeNull();

    socket = await notifySocket();
    const other = systemdNotifier({ log: silentLog(), env: { ...process.env, NOTIFY_SOCKET: socket.path, WATCHDOG_USEC: '200000', WATCHDOG_PID: '1' } });
    other.ready('up');
    await expect.poll(() => texts().length).toBe(1);
    await sleep(500);
    expect(texts()).toEqual(['READY=1\nSTATUS=up']);
    await other.stopping();
  });

  it('the production entry says READY=1 once its terminal runs, pings, and says STOPPING=1 on SIGTERM', async () => {
    socket = await notifySocket();
    terminal = await testTerminal();
    const started = await startNodeProcess('main/browser-shell/main.ts', ['--headless', '--config', terminal.configFile], /kiosk url: /, 15_000, {
      KIOSK_LOG_LEVEL: 'warn',
      NOTIFY_SOCKET: socket.path,
      WATCHDOG_USEC: '400000',
    });
    running = started.process;
    await expect.poll(() => pings().length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    expect(texts()[0]).toBe('READY=1\nSTATUS=terminal TEST-0001 running');

    process.kill(running.pid, 'SIGTERM');
    expect(await running.exited).toEqual({ code: 0, signal: null });
    expect(texts().at(-1)).toBe('STOPPING=1');
  });
});
