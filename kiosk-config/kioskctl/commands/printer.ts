import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadReceiptBranding } from '../../../main/cases/receipts/receipt-branding.ts';
import { testPage } from '../../../main/cases/receipts/test-page.ts';
import { PrinterUnavailable, PrintInterrupted } from '../../../drivers/printer/printer-errors.ts';
import { PAPER } from '../../../drivers/printer/receipt-layout.ts';
import { readTerminalConfig } from '../../../main/config/terminal-config-file.ts';
import type { CommandIo, KioskctlCommand } from '../command.ts';
import type { ReceiptPrinter } from '../../../drivers/printer/receipt-printer.ts';
import { connectionFromFlags, connectionHelp, connectionName, connectionOptions } from '../connection-flags.ts';
import { openReceiptPrinter, receiptPrinterFromFlags } from '../device-from-flags.ts';

const DEMO_CONFIG = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'terminals', 'demo.json');
/** The receipt printer's own wait for each DLE EOT reply, as the message tells it. */
const STATUS_TIMEOUT_MS = 500;

/** The connections a receipt printer may have in a terminal config: serial, a USB printer's device file, USB-HID. */
const PRINTER_CONNECTIONS = ['port', 'device-file', 'hid'] as const;

/** Opens the printer the flags name, or says why not (exit 2 for bad options, 1 for a device that will not open). */
type OpenedPrinter = { readonly code: 1 | 2 } | { readonly printer: ReceiptPrinter; readonly port: string; stop(): Promise<void> };

const openPrinter = async (options: Record<string, string | boolean | undefined>, io: CommandIo, command: string): Promise<OpenedPrinter> => {
  const flags = connectionFromFlags(options, PRINTER_CONNECTIONS, command);
  if ('problem' in flags) {
    io.stderr(flags.problem);
    return { code: 2 } as const;
  }
  const opened = await openReceiptPrinter(receiptPrinterFromFlags(flags.connection));
  if (opened.openError !== null) {
    await opened.stop();
    io.stderr(opened.openError);
    return { code: 1 } as const;
  }
  return { printer: opened.device, port: connectionName(flags.connection), stop: opened.stop } as const;
};

/** `printer status --port <path> [--baud <n>] | --device-file <path> | --hid <VID:PID> --json` → {online, paper, coverOpen, cutterError}. */
export const printerStatus: KioskctlCommand = {
  words: ['printer', 'status'],
  summary: 'ask a receipt printer for its real-time status (DLE EOT 1-4)',
  arguments: [],
  options: { ...connectionOptions(PRINTER_CONNECTIONS), json: { type: 'boolean' } },
  optionHelp: [...connectionHelp(PRINTER_CONNECTIONS), '--json                print one JSON object'],
  async run({ options, io }) {
    const opened = await openPrinter(options, io, 'printer status');
    if (!('printer' in opened)) return opened.code;
    try {
      const status = opened.printer.status;
      if (status === null) {
        // No answer: the printer's paper, cover and cutter are unknown, so only "online: false" is claimed.
        if (options['json'] === true) io.stdout(JSON.stringify({ online: false }));
        io.stderr(`the printer on ${opened.port} did not answer within ${STATUS_TIMEOUT_MS} ms: check its power, the cable and the baud rate`);
        return 1;
      }
      if (options['json'] === true) io.stdout(JSON.stringify(status));
      else io.stdout(`online: ${status.online}, paper: ${status.paper}, cover open: ${status.coverOpen}, cutter error: ${status.cutterError}`);
      return 0;
    } finally {
      await opened.stop();
    }
  },
};

/** `printer test --port <path> | --device-file <path> | --hid <VID:PID> [--qr <text>]`: a test page with a Chinese title, the terminal, date and time, a QR and a cut. */
export const printerTest: KioskctlCommand = {
  words: ['printer', 'test'],
  summary: 'print a test page (Chinese title, terminal id, date and time, QR, cut)',
  arguments: [],
  options: { ...connectionOptions(PRINTER_CONNECTIONS), qr: { type: 'string' }, config: { type: 'string' }, paper: { type: 'string', default: '80mm' } },
  optionHelp: [
    ...connectionHelp(PRINTER_CONNECTIONS),
    '--qr <text>           what the QR holds (default: the terminal id)',
    '--config <file>       the terminal config to take the terminal id from (default: the demo terminal)',
    '--paper <w>           80mm (default) or 58mm',
  ],
  async run({ options, io }) {
    const paper = options['paper'] === '58mm' ? PAPER['58mm'] : options['paper'] === '80mm' ? PAPER['80mm'] : null;
    if (paper === null) {
      io.stderr(`--paper must be 80mm or 58mm, not "${String(options['paper'])}"`);
      return 2;
    }
    const configFile = typeof options['config'] === 'string' ? options['config'] : DEMO_CONFIG;
    const reading = await readTerminalConfig(configFile);
    if (!reading.ok) {
      io.stderr(`${configFile}: ${reading.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
      return 1;
    }
    const { terminalId } = reading.config;
    let branding;
    try {
      const { hallName, receipt, timeZone } = reading.config;
      branding = await loadReceiptBranding({ hallName: hallName['zh-CN'], hotline: receipt.hotline, timeZone, logo: receipt.logo }, paper);
    } catch (error) {
      io.stderr(`receipt logo ${reading.config.receipt.logo ?? ''}: ${(error as Error).message}`);
      return 1;
    }
    const opened = await openPrinter(options, io, 'printer test');
    if (!('printer' in opened)) return opened.code;
    try {
      const qr = typeof options['qr'] === 'string' && options['qr'] !== '' ? options['qr'] : terminalId;
      await opened.printer.print(testPage(branding, { terminalId, printedAt: new Date(), qr }));
      io.stdout(`test page printed on ${opened.port} (terminal ${terminalId})`);
      return 0;
    } catch (error) {
      if (error instanceof PrinterUnavailable || error instanceof PrintInterrupted) {
        io.stderr(`the printer on ${opened.port} cannot print: ${error.problem}`);
        return 1;
      }
      throw error;
    } finally {
      await opened.stop();
    }
  },
};
