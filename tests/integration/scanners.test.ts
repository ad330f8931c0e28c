import { EventEmitter } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HID_POS_USAGE_PAGE } from '../../drivers/scanner/hid-pos-report.ts';
import { HidPosScanner, MAX_CODE_BYTES } from '../../drivers/scanner/hid-pos-scanner.ts';
import type { ScannedCode } from '../../drivers/scanner/scanner.ts';
import { SerialScanner } from '../../drivers/scanner/serial-scanner.ts';
import { SerialScannerSimulator } from '../../drivers/simulators/serial-scanner-simulator.ts';
import { HidTransport, type HidDevice } from '../../drivers/transport/hid-transport.ts';
import { SerialTransport } from '../../drivers/transport/serial-transport.ts';
import { startDeviceOnPty, type DeviceOnPty } from '../support/device-on-pty.ts';
import { runKioskctl, startKioskctl } from '../support/run-kioskctl.ts';

/** Serial scanners over a real pty (driver and kioskctl), HID-POS against a fake at node-hid's boundary. */
let side: DeviceOnPty<SerialScannerSimulator>;
let simulator: SerialScannerSimulator;
let pty: DeviceOnPty<SerialScannerSimulator>['pty'];
beforeAll(async () => {
  side = await startDeviceOnPty('ttyACM0', (simulatorPath) => SerialScannerSimulator.start(simulatorPath));
  ({ simulator, pty } = side);
});
afterAll(() => side.stop());

const nextCodes = (scanner: SerialScanner, n: number) =>
  new Promise<ScannedCode[]>((resolve) => {
    const got: ScannedCode[] = [];
    const listener = (code: ScannedCode) => {
      got.push(code);
      if (got.length === n) {
        scanner.off('code', listener);
        resolve(got);
      }
    };
    scanner.on('code', listener);
  });

describe('serial scanner over a pty', () => {
  it('reads codes whatever the terminator and chunking, Chinese in UTF-8 and GB18030, 300 characters', async () => {
    const scanner = new SerialScanner(new SerialTransport({ path: pty.devicePath, baudRate: 115200 }));
    await scanner.start();
    try {
      const long = 'https://zwfw.example.gov.cn/q?' + 'x'.repeat(270);
      const codes = nextCodes(scanner, 5);
      await simulator.scan('SH310115202611230001');
      await simulator.scan('电子社保卡 3101', { terminator: 'crlf', chunkSize: 3, chunkGapMs: 2 });
      await simulator.scan('受理编号 A B', { encoding: 'gb18030', terminator: 'lf' });
      await simulator.scan(long, { chunkSize: 7, chunkGapMs: 1 });
      await simulator.scan('京A12345', { terminator: 'crlf' });
      expect((await codes).map((c) => [c.text, c.encoding])).toEqual([
        ['SH310115202611230001', 'utf-8'],
        ['电子社保卡 3101', 'utf-8'],
        ['受理编号 A B', 'gb18030'],
        [long, 'utf-8'],
        ['京A12345', 'utf-8'],
      ]);
    } finally {
      await scanner.stop();
    }
  });

  it('kioskctl scanner listen prints one {"code"} per line and exits after --count', async () => {
    const listening = startKioskctl('scanner', 'listen', '--port', pty.devicePath, '--count', '2', '--timeout', '10000', '--json');
    await listening.said(/listening on .*: scan 2 codes within 10 s/);
    await simulator.scan('办件 123', { chunkSize: 2, chunkGapMs: 2 });
    await simulator.scan('https://zwfw.example.gov.cn/q?case=1');
    const result = await listening.done;
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n').map((line) => JSON.parse(line))).toEqual([{ code: '办件 123' }, { code: 'https://zwfw.example.gov.cn/q?case=1' }]);
  });

  it('kioskctl scanner listen exits non-zero at the timeout when fewer codes came', async () => {
    const result = await runKioskctl('scanner', 'listen', '--port', pty.devicePath, '--count', '2', '--timeout', '300', '--json');
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/read 0 of 2 codes within 300 ms/);
  });
});

/** A HID-POS scanner at node-hid's API boundary, sending Newland-style input reports. */
class FakeHidPosScanner extends EventEmitter implements HidDevice {
  async write(): Promise<number> {
    return 0;
  }
  async close(): Promise<void> {}
  scan(bytes: Uint8Array): void {
    for (let at = 0; at < bytes.length; at += 56) {
      const chunk = bytes.subarray(at, at + 56);
      const report = Buffer.alloc(63);
      report[0] = 0x02;
      report[1] = chunk.length;
      report.set(chunk, 2);
      this.emit('data', report);
    }
  }
}

describe('HID-POS scanner (usage page 0x8C)', () => {
  it('reads one-report and multi-report codes from the scanner interface of the device', async () => {
    const device = new FakeHidPosScanner();
    const opened: string[] = [];
    const transport = new HidTransport({
      vendorId: 0x1eab,
      productId: 0x1d10,
      framing: 'raw-reports',
      usagePage: HID_POS_USAGE_PAGE,
      backend: {
        devices: async () => [
          { vendorId: 0x1eab, productId: 0x1d10, path: '/dev/hidraw1', usagePage: 0x01 },
          { vendorId: 0x1eab, productId: 0x1d10, path: '/dev/hidraw2', usagePage: 0x8c },
        ],
        open: async (devicePath) => (opened.push(devicePath), device),
      },
    });
    const scanner = new HidPosScanner({ transport });
    expect(scanner.description).toBe('hid-pos 1eab:1d10');
    await scanner.start();
    expect(opened).toEqual(['/dev/hidraw2']);
    const got: string[] = [];
    scanner.on('code', (code) => got.push(code.text));
    device.scan(new TextEncoder().encode('SH310115202611230001'));
    const long = '电子证照'.repeat(10) + 'A'.repeat(100);
    device.scan(new TextEncoder().encode(long));
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(got).toEqual(['SH310115202611230001', long]);
    await scanner.stop();
  });

  // Review finding 12: the parts of a code were joined without a bound, so a device that never sends a last report
  // (every report full, each within the continuation wait) grew the host's memory for as long as it went on.
  it('drops a code that grows past its bound, says why, and reads the next one', async () => {
    const device = new FakeHidPosScanner();
    const transport = new HidTransport({
      vendorId: 0x1eab,
      productId: 0x1d10,
      framing: 'raw-reports',
      usagePage: HID_POS_USAGE_PAGE,
      backend: { devices: async () => [{ vendorId: 0x1eab, productId: 0x1d10, path: '/dev/hidraw2', usagePage: 0x8c }], open: async () => device },
    });
    const scanner = new HidPosScanner({ transport });
    await scanner.start();
    const got: string[] = [];
    const rejected: string[] = [];
    scanner.on('code', (code) => got.push(code.text));
    scanner.on('rejected', (reason) => rejected.push(reason));
    // A full report after full report: 56 × 2,000 bytes, all in one burst, never a short one to end it.
    device.scan(new Uint8Array(56 * 2000).fill(0x41));
    await new Promise((resolve) => setTimeout(resolve, 120)); // the pause that ends a code
    device.scan(new TextEncoder().encode('SH310115202611230001'));
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(rejected).toEqual([`a code longer than ${MAX_CODE_BYTES} bytes was dropped`]);
    expect(got).toEqual(['SH310115202611230001']);
    await scanner.stop();
  });
});
