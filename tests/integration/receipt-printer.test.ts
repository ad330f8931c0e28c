import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../drivers/printer/escpos-decoder.ts';
import { EscPosJob } from '../../drivers/printer/escpos-encoder.ts';
import { PrinterUnavailable, PrintInterrupted } from '../../drivers/printer/printer-errors.ts';
import type { PrinterAlert } from '../../drivers/printer/receipt-printer.ts';
import { startSimulatedPrinter, type SimulatedPrinter } from '../support/simulated-printer.ts';

/** The receipt printer driver against the simulated printer over a real pty. */
let setup: SimulatedPrinter;
beforeEach(async () => {
  setup = await startSimulatedPrinter();
});
afterEach(async () => {
  await setup.stop();
});

const receipt = (lines = 3) => {
  const job = new EscPosJob().initialise().chineseMode(true).align('center').bold(true).line('受理回执').bold(false).align('left');
  for (let i = 0; i < lines; i++) job.line(`第${i + 1}行：示例内容 line ${i + 1}`);
  return job.align('center').qr('https://zwfw.example.gov.cn/q?id=202411230001').feed(3).cut().bytes();
};

const problemOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 'printed';
  } catch (error) {
    if (error instanceof PrinterUnavailable) return `refused: ${error.problem}`;
    if (error instanceof PrintInterrupted) return `interrupted: ${error.problem}`;
    return 'untyped';
  }
};

describe('receipt printer over a pty', () => {
  it.each([
    ['ok', { online: true, paper: 'ok', coverOpen: false, cutterError: false }],
    ['near-end', { online: true, paper: 'near-end', coverOpen: false, cutterError: false }],
    ['out', { online: false, paper: 'out', coverOpen: false, cutterError: false }],
    ['cover-open', { online: false, paper: 'ok', coverOpen: true, cutterError: false }],
    ['cutter-error', { online: false, paper: 'ok', coverOpen: false, cutterError: true }],
  ] as const)('reads the status "%s"', async (state, status) => {
    setup.simulator.setState(state);
    expect(await setup.printer.queryStatus()).toEqual(status);
  });

  it('reads a silent printer as offline (null)', { timeout: 10_000 }, async () => {
    setup.simulator.setState('silent');
    expect(await setup.printer.queryStatus()).toBeNull();
  });

  it('prints a job whole; what the printer got decodes to the receipt', async () => {
    const job = receipt();
    const jobs: Uint8Array[] = [];
    setup.simulator.on('cut', (printed) => jobs.push(printed));
    await setup.printer.print(job);
    expect(jobs.map((printed) => Buffer.from(printed))).toEqual([Buffer.from(job)]);
    expect(Buffer.from(setup.simulator.printed)).toEqual(Buffer.from(job));
    const decoded = decodeEscPos(setup.simulator.printed);
    expect(decoded.elements.filter((e) => e.type === 'text').map((e) => (e.type === 'text' ? e.text : ''))).toContain('受理回执');
    expect(decoded.elements.at(-1)).toEqual({ type: 'cut', kind: 'partial' });
  });

  it.each([
    ['out', 'refused: paper-out'],
    ['cover-open', 'refused: cover-open'],
    ['cutter-error', 'refused: cutter-error'],
    ['silent', 'refused: offline'],
  ] as const)('refuses a job when the printer is %s, sending nothing', async (state, outcome) => {
    setup.simulator.setState(state);
    expect(await problemOf(setup.printer.print(receipt()))).toBe(outcome);
    setup.simulator.setState('ok');
    expect(setup.simulator.printed.length).toBe(0);
  });

  it('prints on paper near its end, and raises an alert for the fleet', async () => {
    const alerts: PrinterAlert[] = [];
    setup.printer.on('alert', (alert) => alerts.push(alert));
    setup.simulator.setState('near-end');
    await setup.printer.print(receipt());
    expect(alerts).toContainEqual({ kind: 'paper-near-end' });
  });

  it('paper running out mid-job: an error, nothing crashes, the job is printed again after recovery', async () => {
    const alerts: PrinterAlert[] = [];
    setup.printer.on('alert', (alert) => alerts.push(alert));
    const job = receipt(20);
    setup.simulator.runOutOfPaperAfter(150);
    const error = await setup.printer.print(job).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrintInterrupted);
    expect((error as PrintInterrupted).problem).toBe('paper-out');
    expect(setup.simulator.printed.length).toBe(150);
    // Another job meanwhile is refused, not queued behind the paper.
    expect(await problemOf(setup.printer.print(receipt()))).toBe('refused: paper-out');

    setup.simulator.clearPrinted();
    setup.simulator.setState('ok'); // staff refill the paper
    await (error as PrintInterrupted).reprinted;
    expect(Buffer.from(setup.simulator.printed)).toEqual(Buffer.from(job));
    expect(alerts).toEqual([{ kind: 'problem', problem: 'paper-out' }, { kind: 'recovered' }]);
  });
});

// Review finding 2: interrupted jobs were reprinted when the printer recovered, whatever session was running — citizen
// A's 受理回执 (with its 查询密码) came out in citizen B's hands. The host drops them when A's session ends.
it('drops the jobs waiting to be reprinted when told (their session ended): none comes out after recovery', async () => {
  const job = receipt(20);
  setup.simulator.runOutOfPaperAfter(150);
  const error = (await setup.printer.print(job).catch((e: unknown) => e)) as PrintInterrupted;
  expect(error).toBeInstanceOf(PrintInterrupted);
  expect(setup.printer.dropPendingReprints('the citizen session that printed it ended')).toBe(1);
  await expect(error.reprinted).rejects.toThrow('the citizen session that printed it ended');
  setup.simulator.clearPrinted();
  setup.simulator.setState('ok');
  expect(await setup.printer.queryStatus()).not.toBeNull();
  await new Promise((resolve) => setTimeout(resolve, 300)); // a few status polls after recovery
  expect(setup.simulator.printed.length).toBe(0);
});

describe('receipt printer on a device file (/dev/usb/lp*)', () => {
  it('prints and reads status through a character device opened read-write (a pty stands in for usblp)', async () => {
    const { DeviceFileTransport } = await import('../../drivers/transport/device-file-transport.ts');
    const { ReceiptPrinter } = await import('../../drivers/printer/receipt-printer.ts');
    const printer = new ReceiptPrinter({ transport: new DeviceFileTransport({ path: setup.pty.devicePath }), statusTimeoutMs: 1000, pollIntervalMs: 60_000 });
    await setup.printer.stop(); // one driver per line
    await printer.start();
    try {
      expect(printer.status).toEqual({ online: true, paper: 'ok', coverOpen: false, cutterError: false });
      // Larger than a pty's buffer, so the non-blocking writes must wait and go on.
      const job = new EscPosJob()
        .initialise()
        .raster({ widthDots: 576, heightDots: 200, bits: new Uint8Array(72 * 200).fill(0xaa) })
        .line('受理回执')
        .cut()
        .bytes();
      await printer.print(job);
      expect(Buffer.from(setup.simulator.printed)).toEqual(Buffer.from(job));
    } finally {
      await printer.stop();
    }
  });
});

describe('late status answers', () => {
  it('an answer that comes after its request timed out is not taken for the next one', async () => {
    // The printer answers, but slower than the driver waits: every answer arrives late.
    setup.simulator.setReplyDelay(1300);
    expect(await setup.printer.queryStatus()).toBeNull();
    setup.simulator.setReplyDelay(0);
    // The late answer to the first query is still on its way; the next query must not take it for its own.
    setup.simulator.setState('cover-open');
    expect(await setup.printer.queryStatus()).toEqual({ online: false, paper: 'ok', coverOpen: true, cutterError: false });
    setup.simulator.setState('ok');
    expect(await setup.printer.queryStatus()).toEqual({ online: true, paper: 'ok', coverOpen: false, cutterError: false });
  });
});
