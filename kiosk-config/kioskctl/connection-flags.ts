import type { ParseArgsOptionsConfig } from 'node:util';
import { connectionSchema, type DeviceConfig, type DeviceConnection } from '../../drivers/manager/device-config.ts';

/**
 * How a device command is told where its device is, one flag per connection a terminal config allows:
 * `--port <path>` (serial, with `--baud`), `--device-file <path>` (a USB printer, /dev/usb/lp*), `--hid <VID:PID>`
 * (USB-HID). Each command offers the flags of the connections its device kind may have, and exactly one is given.
 */
export type ConnectionFlag = 'port' | 'device-file' | 'hid';

const FLAG_USAGE: Readonly<Record<ConnectionFlag, { usage: string; what: string; help: string }>> = {
  port: { usage: '--port <path>', what: 'serial', help: "--port <path>         the device's serial port (e.g. /dev/ttyUSB0)" },
  'device-file': { usage: '--device-file <path>', what: 'USB printer', help: "--device-file <path>  a USB printer's device file (e.g. /dev/usb/lp0)" },
  hid: { usage: '--hid <VID:PID>', what: 'USB-HID', help: '--hid <VID:PID>       a USB-HID device by vendor and product id in hex (e.g. 0400:c35a)' },
};

export const connectionOptions = (flags: readonly ConnectionFlag[], defaultBaud = '115200'): ParseArgsOptionsConfig => ({
  ...Object.fromEntries(flags.map((flag) => [flag, { type: 'string' as const }])),
  ...(flags.includes('port') ? { baud: { type: 'string' as const, default: defaultBaud } } : {}),
});

export const connectionHelp = (flags: readonly ConnectionFlag[], defaultBaud = '115200'): string[] =>
  flags.map((flag) => FLAG_USAGE[flag].help).concat(flags.includes('port') ? [`--baud <n>            with --port: ${defaultBaud} by default`] : []);

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/** The device as a technician names it in a message: its path, or its USB ids as HidTransport names them. */
export const connectionName = (connection: DeviceConfig['connection']): string =>
  connection.type === 'hid' ? `hid ${hex4(connection.vendorId)}:${hex4(connection.productId)}` : 'path' in connection ? connection.path : connection.type;

const either = (words: string[], last: string) => (words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} ${last} ${words.at(-1)}`);

/** The connection each flag describes. */
interface FlagConnection {
  port: 'serial';
  'device-file': 'usb-printer';
  hid: 'hid';
}
export type ConnectionOf<F extends ConnectionFlag> = Extract<DeviceConnection, { type: FlagConnection[F] }>;

/** The device connection the flags describe, or the one-line problem (exit 2). */
export type ConnectionFromFlags<F extends ConnectionFlag> = { connection: ConnectionOf<F> } | { problem: string };

const HID_ID = /^([0-9a-f]{4}):([0-9a-f]{4})$/i;

export const connectionFromFlags = <F extends ConnectionFlag>(
  options: Record<string, string | boolean | undefined>,
  flags: readonly F[],
  command: string,
): ConnectionFromFlags<F> => {
  const connection = describedConnection(options, flags, command);
  return 'problem' in connection ? connection : { connection: connection.connection as ConnectionOf<F> };
};

const describedConnection = (
  options: Record<string, string | boolean | undefined>,
  flags: readonly ConnectionFlag[],
  command: string,
): { connection: DeviceConnection } | { problem: string } => {
  const given = flags.filter((flag) => options[flag] !== undefined);
  if (given.length === 0) return { problem: `${command} needs ${either(flags.map((flag) => `${FLAG_USAGE[flag].usage} (${FLAG_USAGE[flag].what})`), 'or')}` };
  if (given.length > 1) return { problem: `${command} takes one of ${either(flags.map((flag) => FLAG_USAGE[flag].usage), 'or')}, not ${flags.length === 2 ? 'both' : 'more'}` };
  const flag = given[0] as ConnectionFlag;
  const value = options[flag];
  if (typeof value !== 'string' || value === '') return { problem: `${FLAG_USAGE[flag].usage} must not be empty` };
  switch (flag) {
    case 'port': {
      const baudRate = Number(options['baud']);
      if (!/^\d+$/.test(String(options['baud'])) || baudRate <= 0) return { problem: `--baud must be a positive whole number, not "${String(options['baud'])}"` };
      return { connection: { type: 'serial', path: value, baudRate } };
    }
    case 'device-file': {
      // The same rule as the terminal config's: a USB printer is a usblp device file.
      const parsed = connectionSchema.safeParse({ type: 'usb-printer', path: value });
      if (!parsed.success) return { problem: `--device-file must be a USB printer's device file (/dev/usb/lp0 …), not "${value}"` };
      return { connection: parsed.data };
    }
    case 'hid': {
      const ids = HID_ID.exec(value);
      if (ids === null) return { problem: `--hid must be VID:PID, four hex digits each (e.g. 0400:c35a), not "${value}"` };
      return { connection: { type: 'hid', vendorId: parseInt(ids[1] as string, 16), productId: parseInt(ids[2] as string, 16) } };
    }
  }
};
