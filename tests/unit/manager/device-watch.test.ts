import { describe, expect, it } from 'vitest';
import { IdCardReader } from '../../../drivers/idcard/id-card-reader.ts';
import { LockerBus } from '../../../drivers/locker/locker-bus.ts';
import { DeviceHealthBoard } from '../../../drivers/manager/device-health-board.ts';
import type { DeviceHealth } from '../../../drivers/manager/device-health.ts';
import { DeviceWatch } from '../../../drivers/manager/device-watch.ts';
import { idCardReaderHealth, lockerBusHealth, receiptPrinterHealth } from '../../../drivers/manager/health-sources.ts';
import { ReceiptPrinter } from '../../../drivers/printer/receipt-printer.ts';
import { FakeTransport } from '../../support/fake-transport.ts';
import { ManualClock } from '../../support/manual-clock.ts';

/** Each driver's own reports, over a transport the test drives, as the health the manager keeps. */
const flush = () => new Promise((resolve) => setImmediate(resolve));
const AT = new Date('2026-11-23T09:00:00Z');

const boardFor = (device: string, kind: DeviceHealth['kind']) => {
  const board = new DeviceHealthBoard();
  board.add(device, kind);
  const told: Array<[string, string | null]> = [];
  board.onChange(({ state, reason }) => told.push([state, reason]));
  return { board, told, now: () => board.get(device) };
};

/** DLE EOT n (10 04 n) answered with one status byte per n: 0x12 is "all well" for each of the four. */
const printerAnswering = (transport: FakeTransport, bytes: Record<number, number>) => {
  transport.answer = (request) => (request[0] === 0x10 && request[1] === 0x04 ? Uint8Array.of(bytes[request[2] ?? 0] ?? 0x12) : null);
};

describe('device watch', () => {
  it('a reader whose port will not open is offline with the port\'s own reason; one whose SAM is silent is an error', async () => {
    const transport = new FakeTransport();
    const clock = new ManualClock();
    const reader = new IdCardReader({ transport, clock });
    const { board, told, now } = boardFor('reader', 'idcard-reader');
    const watch = new DeviceWatch({ board, device: 'reader', transport, source: idCardReaderHealth(reader), wallClock: () => AT });
    transport.openFailure = new Error('Error: No such file or directory, cannot open /dev/ttyUSB9');
    watch.started();
    await reader.start();
    expect(now()).toMatchObject({ state: 'offline', reason: 'Error: No such file or directory, cannot open /dev/ttyUSB9', lastSeen: null });
    transport.reconnect();
    await flush();
    clock.advance(600); // the SAM status request (500 ms) goes unanswered
    await flush();
    expect(now()).toMatchObject({ state: 'error', reason: "the reader's SAM does not answer on fake /dev/ttyFAKE0", lastSeen: AT.toISOString() });
    transport.fail(new Error('serial /dev/ttyUSB9 is no longer there'));
    expect(now()).toMatchObject({ state: 'offline', reason: 'serial /dev/ttyUSB9 is no longer there' });
    expect(told.map(([state]) => state)).toEqual(['offline', 'offline', 'error', 'offline']);
    await reader.stop();
  });

  it('a printer is ready, degraded when its paper nears the end, an error with the cover open, offline when unplugged', async () => {
    const transport = new FakeTransport();
    const printer = new ReceiptPrinter({ transport, clock: new ManualClock() });
    const { board, now } = boardFor('printer', 'receipt-printer');
    const watch = new DeviceWatch({ board, device: 'printer', transport, source: receiptPrinterHealth(printer, transport), wallClock: () => AT });
    printerAnswering(transport, {});
    watch.started();
    await printer.start();
    expect(now()).toMatchObject({ state: 'ready', reason: null, lastSeen: AT.toISOString() });
    printerAnswering(transport, { 4: 0x1e }); // paper sensor: near end (bits 2-3)
    await printer.queryStatus();
    expect(now()).toMatchObject({ state: 'degraded', reason: 'paper near its end' });
    printerAnswering(transport, { 2: 0x16 }); // offline cause: cover open (bit 2)
    await printer.queryStatus();
    expect(now()).toMatchObject({ state: 'error', reason: 'cover open' });
    transport.fail(new Error('serial /dev/ttyS1 is no longer there'));
    expect(now()).toMatchObject({ state: 'offline', reason: 'serial /dev/ttyS1 is no longer there' });
    watch.stopped();
    expect(now()).toMatchObject({ state: 'offline', reason: 'stopped' });
    await printer.stop();
  });

  it('a printer whose first status request could not be sent (its port just reopened) is not reported as not answering', async () => {
    const transport = new FakeTransport();
    const printer = new ReceiptPrinter({ transport, clock: new ManualClock() });
    const { board, told, now } = boardFor('printer', 'receipt-printer');
    const watch = new DeviceWatch({ board, device: 'printer', transport, source: receiptPrinterHealth(printer, transport), wallClock: () => AT });
    printerAnswering(transport, {});
    const write = transport.write.bind(transport);
    let failures = 1;
    transport.write = async (bytes) => {
      if (failures-- > 0) throw new Error('write EIO (the port is being reopened)');
      return write(bytes);
    };
    watch.started();
    await printer.start();
    expect(told).not.toContainEqual(['error', expect.anything()]);
    await printer.queryStatus();
    expect(now()).toMatchObject({ state: 'ready', reason: null });
    expect(told.map(([state]) => state)).not.toContain('error');
    await printer.stop();
  });

  it('a cabinet is degraded while one of its boards is silent, offline when none answers', async () => {
    const transport = new FakeTransport();
    const bus = new LockerBus({ transport, protocol: 'kerong-cu16', boards: [{ address: 0 }, { address: 1 }], timing: { replyTimeoutMs: 20, quietMs: 0 } });
    const { board, now } = boardFor('cabinet-a', 'locker-bus');
    const watch = new DeviceWatch({ board, device: 'cabinet-a', transport, source: lockerBusHealth(bus, [0, 1]), wallClock: () => AT });
    watch.started();
    await bus.start();
    expect(now()).toMatchObject({ state: 'offline', reason: 'connected; no board read yet' });
    bus.emit('board', { board: 0, answering: true }); // as the bus says when board 0 answers a read
    expect(now()).toMatchObject({ state: 'ready', reason: null });
    await bus.status(1); // nobody answers on the fake line
    expect(now()).toMatchObject({ state: 'degraded', reason: 'board 1 does not answer' });
    await bus.status(0);
    expect(now()).toMatchObject({ state: 'offline', reason: 'no board answers (boards 0, 1)' });
    await bus.stop();
  });
});
