import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../drivers/printer/escpos-decoder.ts';
import { runKioskctl } from '../support/run-kioskctl.ts';
import { startSimulatedPrinterSide } from '../support/simulated-printer.ts';

/** `kioskctl printer status|test` against the simulated printer on a real pty, as their own processes. */
let side: Awaited<ReturnType<typeof startSimulatedPrinterSide>>;
beforeAll(async () => {
  side = await startSimulatedPrinterSide();
});
afterAll(() => side.stop());
beforeEach(() => {
  side.simulator.setState('ok');
  side.simulator.clearPrinted();
});

describe('kioskctl printer status', () => {
  it.each([
    ['ok', { online: true, paper: 'ok', coverOpen: false, cutterError: false }],
    ['near-end', { online: true, paper: 'near-end', coverOpen: false, cutterError: false }],
    ['out', { online: false, paper: 'out', coverOpen: false, cutterError: false }],
    ['cover-open', { online: false, paper: 'ok', coverOpen: true, cutterError: false }],
    ['cutter-error', { online: false, paper: 'ok', coverOpen: false, cutterError: true }],
  ] as const)('prints the status of a printer that is %s, exit 0', async (state, status) => {
    side.simulator.setState(state);
    const result = await runKioskctl('printer', 'status', '--port', side.pty.devicePath, '--json');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual(status);
  });

  it('says online false, and why on stderr, when the printer does not answer', async () => {
    side.simulator.setState('silent');
    const result = await runKioskctl('printer', 'status', '--port', side.pty.devicePath, '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({ online: false });
    expect(result.stderr).toMatch(/did not answer within 500 ms/);
  });
});

describe('kioskctl printer test', () => {
  it('prints a test page: Chinese title, terminal id, date and time, the QR asked for, a cut', async () => {
    const result = await runKioskctl('printer', 'test', '--port', side.pty.devicePath, '--qr', 'https://zwfw.example.gov.cn/t/1');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const page = decodeEscPos(side.simulator.printed);
    const texts = page.elements.flatMap((e) => (e.type === 'text' ? [e.text] : []));
    expect(texts).toContain('打印机测试页');
    expect(page.elements).toContainEqual(expect.objectContaining({ type: 'text', text: '打印机测试页', width: 2, height: 2, bold: true }));
    expect(texts.some((t) => t.startsWith('终端编号') && t.endsWith('DEMO-310115-0001'))).toBe(true);
    expect(texts.some((t) => /^打印时间 +\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(t))).toBe(true);
    expect(page.elements).toContainEqual(expect.objectContaining({ type: 'qr', payload: 'https://zwfw.example.gov.cn/t/1' }));
    expect(page.elements.at(-1)).toEqual({ type: 'cut', kind: 'partial' });
  });

  it('puts the terminal id in the QR by default', async () => {
    await runKioskctl('printer', 'test', '--port', side.pty.devicePath);
    expect(decodeEscPos(side.simulator.printed).elements).toContainEqual(expect.objectContaining({ type: 'qr', payload: 'DEMO-310115-0001' }));
  });

  it('refuses on a printer without paper, with one line on stderr', async () => {
    side.simulator.setState('out');
    const result = await runKioskctl('printer', 'test', '--port', side.pty.devicePath);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe(`the printer on ${side.pty.devicePath} cannot print: paper-out`);
  });
});
