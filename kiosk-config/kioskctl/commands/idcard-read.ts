import type { IdCard } from '../../../drivers/idcard/id-card.ts';
import { IdCardReadError, type IdCardReadErrorCode } from '../../../drivers/idcard/reader-errors.ts';
import type { KioskctlCommand } from '../command.ts';
import { connectionFromFlags, connectionHelp, connectionName, connectionOptions } from '../connection-flags.ts';
import { idCardReaderFromFlags, openIdCardReader } from '../device-from-flags.ts';

/** The connections an ID card reader may have in a terminal config: serial or USB-HID. */
const READER_CONNECTIONS = ['port', 'hid'] as const;

/** The card as kioskctl prints it (../shared/design/kioskctl.md): only the keys this card has, photo as a summary. */
export const cardForPrinting = (card: IdCard): Record<string, unknown> => {
  const { photo, fingerprint, ...fields } = card;
  const order = ['cardType', 'name', 'englishName', 'gender', 'nation', 'birthDate', 'address', 'idNumber', 'issuer', 'validFrom', 'validTo', 'passNumber', 'issueCount', 'nationality'];
  const printed: Record<string, unknown> = {};
  for (const key of order) if (key in fields) printed[key] = (fields as Record<string, unknown>)[key];
  printed['photo'] = { format: 'wlt', length: photo.length };
  if (fingerprint !== undefined) printed['fingerprint'] = { length: fingerprint.length };
  return printed;
};

const LABELS: Readonly<Record<string, string>> = {
  cardType: '证件类型 card type', name: '姓名 name', englishName: '英文姓名 English name', gender: '性别 gender',
  nation: '民族 nation', birthDate: '出生 birth date', address: '住址 address', idNumber: '号码 number',
  issuer: '签发机关 issuer', validFrom: '有效期起 valid from', validTo: '有效期止 valid to', passNumber: '通行证号码 pass number',
  issueCount: '签发次数 issue count', nationality: '国籍 nationality', photo: '照片 photo', fingerprint: '指纹 fingerprint',
};

const FAILURES: Readonly<Record<IdCardReadErrorCode, (port: string, timeoutMs: number) => string>> = {
  'no-card': (_port, ms) => `no card was placed on the reader within ${ms} ms (a card already read is found again only once lifted and placed again)`,
  'card-left': (_port, ms) => `the card read last stayed on the reader for ${ms} ms: lift it and place it again`,
  'not-an-id-card': () => 'the card on the reader is not an ID card (SW3 40)',
  'read-failed': () => 'the card could not be read, twice (moved or damaged): place it flat and try again',
  'reader-not-responding': (port) => `the reader on ${port} does not answer: check its power, the port and the baud rate`,
  'reader-disconnected': (port) => `the reader on ${port} went away and did not come back`,
  'frame-errors': (port) => `the reader on ${port} keeps sending corrupt frames (checksum/length errors): check the cable and the baud rate`,
  'reader-fault': () => 'the reader reports a fault of its SAM module',
  'bad-card-data': () => "the card's data could not be decoded",
  cancelled: () => 'cancelled',
};

/** `idcard read --port <path> [--baud 115200] | --hid <VID:PID> [--timeout <ms>] [--fingerprint] [--json]`. */
export const idcardRead: KioskctlCommand = {
  words: ['idcard', 'read'],
  summary: 'wait for an ID card on a reader (serial or USB-HID) and print what it says',
  arguments: [],
  options: {
    ...connectionOptions(READER_CONNECTIONS),
    timeout: { type: 'string', default: '10000' },
    fingerprint: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  optionHelp: [
    ...connectionHelp(READER_CONNECTIONS),
    '--timeout <ms>        how long to wait for a card (default 10000)',
    '--fingerprint         read with 30 10 (text, photo and fingerprint)',
    '--json                print one JSON object',
  ],
  async run({ options, io }) {
    const flags = connectionFromFlags(options, READER_CONNECTIONS, 'idcard read');
    const timeoutMs = Number(options['timeout']);
    if ('problem' in flags) {
      io.stderr(flags.problem);
      return 2;
    }
    const port = connectionName(flags.connection);
    if (!Number.isInteger(timeoutMs) || timeoutMs < 0) {
      io.stderr(`--timeout must be a number of milliseconds, not "${String(options['timeout'])}"`);
      return 2;
    }
    const opened = await openIdCardReader(idCardReaderFromFlags({ connection: flags.connection, fingerprint: options['fingerprint'] === true }));
    const reader = opened.device;
    try {
      if (opened.openError !== null) {
        io.stderr(opened.openError);
        return 1;
      }
      const card = cardForPrinting(await reader.readCard({ timeoutMs }));
      if (options['json'] === true) io.stdout(JSON.stringify(card));
      else for (const [key, value] of Object.entries(card)) io.stdout(`${LABELS[key] ?? key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
      return 0;
    } catch (error) {
      if (!(error instanceof IdCardReadError)) throw error;
      io.stderr(FAILURES[error.code](port, timeoutMs));
      return 1;
    } finally {
      await opened.stop();
    }
  },
};
