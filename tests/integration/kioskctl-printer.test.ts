import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../drivers/printer/escpos-decoder.ts';
import { runKioskctl } from '../support/run-kioskctl.ts';
import { startSimulatedPrinterSide } from '../support/simulated-printer.ts';
import { runKioskctlWithUsbPrinter } from '../support/usb-printer-namespace.ts';

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

describe('kioskctl printer on a USB printer (--device-file) or USB-HID (--hid)', () => {
  it('asks a USB printer at /dev/usb/lp0 for its status', async () => {
    side.simulator.setState('near-end');
    const result = await runKioskctlWithUsbPrinter(side.pty.devicePath, 'printer', 'status', '--device-file', '/dev/usb/lp0', '--json');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual({ online: true, paper: 'near-end', coverOpen: false, cutterError: false });
  });

  it('prints a test page on a USB printer', async () => {
    const result = await runKioskctlWithUsbPrinter(side.pty.devicePath, 'printer', 'test', '--device-file', '/dev/usb/lp0', '--qr', 'usb');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.trim()).toBe('test page printed on /dev/usb/lp0 (terminal DEMO-310115-0001)');
    expect(decodeEscPos(side.simulator.printed).elements).toContainEqual(expect.objectContaining({ type: 'qr', payload: 'usb' }));
  });

  it('says once why a USB printer will not open', async () => {
    expect(await runKioskctl('printer', 'status', '--device-file', '/dev/usb/lp9')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'cannot open /dev/usb/lp9: No such file or directory\n',
    });
  });

  it('says in one line when no HID printer of that id is attached', async () => {
    expect(await runKioskctl('printer', 'status', '--hid', '0519:2013')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'cannot open hid 0519:2013: it is not attached (lsusb lists the USB devices that are)\n',
    });
  });

  it.each([
    [['--device-file', '/tmp/lp0'], "--device-file must be a USB printer's device file (/dev/usb/lp0 …), not \"/tmp/lp0\""],
    [['--device-file', '/dev/usb/lp0', '--port', '/dev/ttyS0'], 'printer status takes one of --port <path>, --device-file <path> or --hid <VID:PID>, not more'],
    [[], 'printer status needs --port <path> (serial), --device-file <path> (USB printer) or --hid <VID:PID> (USB-HID)'],
  ])('refuses %j with exit 2 and one line', async (flags, message) => {
    expect(await runKioskctl('printer', 'status', ...flags)).toEqual({ code: 2, stdout: '', stderr: `${message}\n` });
  });
});
