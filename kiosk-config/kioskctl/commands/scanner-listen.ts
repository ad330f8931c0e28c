import type { CodeEncoding } from '../../../drivers/scanner/code-content.ts';
import type { KioskctlCommand } from '../command.ts';
import { connectionFromFlags, connectionHelp, connectionName, connectionOptions } from '../connection-flags.ts';
import { openScanner, qrScannerFromFlags } from '../device-from-flags.ts';

/** The connections a QR/barcode scanner kioskctl can listen to may have: serial or HID-POS (a keyboard wedge types into the page). */
const SCANNER_CONNECTIONS = ['port', 'hid'] as const;

/** `scanner listen --port <path> | --hid <VID:PID> [--count <n>] [--timeout <ms>] --json`: one {"code": …} per code read. */
export const scannerListen: KioskctlCommand = {
  words: ['scanner', 'listen'],
  summary: 'print the codes a QR/barcode scanner (serial or HID-POS) reads',
  arguments: [],
  options: {
    ...connectionOptions(SCANNER_CONNECTIONS),
    count: { type: 'string', default: '1' },
    timeout: { type: 'string', default: '30000' },
    encoding: { type: 'string', default: 'auto' },
    json: { type: 'boolean' },
  },
  optionHelp: [
    ...connectionHelp(SCANNER_CONNECTIONS),
    '--count <n>         stop after n codes (default 1)',
    '--timeout <ms>      stop after this long (default 30000); non-zero exit if fewer than --count codes',
    '--encoding <e>      auto (UTF-8, else GB18030; default), utf-8 or gb18030',
    '--json              one {"code": …} object per line',
  ],
  async run({ options, io }) {
    const flags = connectionFromFlags(options, SCANNER_CONNECTIONS, 'scanner listen');
    const count = Number(options['count']);
    const timeoutMs = Number(options['timeout']);
    const encoding = options['encoding'];
    if ('problem' in flags) return (io.stderr(flags.problem), 2);
    const port = connectionName(flags.connection);
    if (!Number.isInteger(count) || count < 1) return (io.stderr(`--count must be a whole number ≥ 1, not "${String(options['count'])}"`), 2);
    if (!Number.isInteger(timeoutMs) || timeoutMs < 0) return (io.stderr(`--timeout must be milliseconds, not "${String(options['timeout'])}"`), 2);
    if (encoding !== 'auto' && encoding !== 'utf-8' && encoding !== 'gb18030') return (io.stderr(`--encoding must be auto, utf-8 or gb18030, not "${String(encoding)}"`), 2);

    const opened = await openScanner(qrScannerFromFlags({ connection: flags.connection, encoding: encoding as CodeEncoding }));
    const scanner = opened.device;
    let read = 0;
    try {
      if (opened.openError !== null) {
        io.stderr(opened.openError);
        return 1;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        scanner.on('code', (code) => {
          if (read >= count) return;
          read++;
          io.stdout(options['json'] === true ? JSON.stringify({ code: code.text }) : code.text);
          if (read >= count) {
            clearTimeout(timer);
            resolve();
          }
        });
        scanner.on('rejected', (reason) => io.stderr(`ignored: ${reason}`));
        io.stderr(`listening on ${port}: scan ${count === 1 ? 'a code' : `${count} codes`} within ${timeoutMs / 1000} s`);
      });
      if (read < count) {
        io.stderr(`read ${read} of ${count} codes within ${timeoutMs} ms`);
        return 1;
      }
      return 0;
    } finally {
      await opened.stop();
    }
  },
};
