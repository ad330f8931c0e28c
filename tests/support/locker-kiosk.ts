import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { hashStaffPassword } from '../../main/lockers/staff-accounts.ts';
import type { TerminalConfigInput } from '../../main/config/terminal-config.ts';
import { startKioskUnderTest, type KioskUnderTest } from './kiosk-under-test.ts';
import { startSimulatedLockers, type SimulatedLockers } from './simulated-locker.ts';
import { startSimulatedPrinterSide } from './simulated-printer.ts';
import { startSimulatedSam, type SimulatedSam } from './simulated-reader.ts';

/**
 * A kiosk with a certificate locker, for the browser journeys: cabinet "A柜" — one generic 8A board (address 1) of
 * eight doors, 1–4 small, 5–6 medium, 7–8 large — simulated on a real pty, an ID card reader and a receipt printer
 * simulated the same way, one staff account, and the reference platform in its own process with its control
 * endpoints (the SMS it sent, the collections it recorded).
 */
export const STAFF_ID = 'S001';
export const STAFF_PASSWORD = 'locker-staff-pass';
/** A case of the sample resident (SAMPLE_CARDS.resident) on the reference platform. */
export const RESIDENT_CASE = 'SH310115202611020031';

export interface LockerKiosk {
  kiosk: KioskUnderTest;
  sam: SimulatedSam;
  lockers: SimulatedLockers;
  printerSide: Awaited<ReturnType<typeof startSimulatedPrinterSide>>;
  /** The texts of the SMS the platform sent for a case (pickup codes). */
  smsFor(caseNumber: string): Promise<string[]>;
  /** How many collections the platform recorded for a case. */
  collectionsOf(caseNumber: string): Promise<number>;
  stop(): Promise<void>;
}

export const startLockerKiosk = async (
  overrides: Partial<TerminalConfigInput> = {},
  kioskProcess: { kioskEnv?: NodeJS.ProcessEnv; kioskNodeArgs?: readonly string[] } = {},
): Promise<LockerKiosk> => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kiosk-staff-'));
  const staffFile = path.join(dir, 'staff.json');
  // A cheap scrypt cost: the hash says its own cost, and these tests check the flows, not the hashing.
  const passwordHash = await hashStaffPassword(STAFF_PASSWORD, { log2N: 10, r: 8, p: 1 });
  await writeFile(staffFile, JSON.stringify({ accounts: [{ staffId: STAFF_ID, passwordHash, disabled: false }] }), { mode: 0o600 });
  const sam = await startSimulatedSam();
  const printerSide = await startSimulatedPrinterSide();
  const lockers = await startSimulatedLockers({ protocol: 'generic-8a', boards: [{ address: 1, doors: 8 }] });
  const kiosk = await startKioskUnderTest(
    {
      home: { entries: ['locker-pickup', 'locker-drop-off', 'my-cases'] },
      receipt: { paper: '80mm', hotline: '12345', trackingUrl: 'https://zwfw.example.gov.cn/q?case=' },
      devices: [
        { id: 'idcard', kind: 'idcard-reader', connection: { type: 'serial', path: sam.pty.devicePath, baudRate: 115200 } },
        { id: 'printer', kind: 'receipt-printer', connection: { type: 'serial', path: printerSide.pty.devicePath, baudRate: 115200 } },
        {
          id: 'lockers-a',
          kind: 'locker-bus',
          label: 'A柜',
          connection: { type: 'serial', path: lockers.pty.devicePath },
          protocol: 'generic-8a',
          boards: [{ address: 1, doors: 8, doorSize: 'small', doorSizes: { medium: [5, 6], large: [7, 8] } }],
          confirmWindowMs: 1500,
          pollIntervalMs: 500,
        },
      ],
      lockers: { staffAccounts: staffFile },
      ...overrides,
    },
    { platformArgs: ['--fault-control'], ...kioskProcess },
  );
  const control = async <T>(pathAndQuery: string): Promise<T> => {
    const response = await fetch(new URL(pathAndQuery, kiosk.platformUrl ?? ''));
    if (!response.ok) throw new Error(`platform control ${pathAndQuery}: ${response.status}`);
    return (await response.json()) as T;
  };
  return {
    kiosk,
    sam,
    lockers,
    printerSide,
    smsFor: async (caseNumber) => (await control<{ messages: Array<{ text: string }> }>(`/_control/sms?caseNumber=${caseNumber}`)).messages.map(({ text }) => text),
    collectionsOf: async (caseNumber) => (await control<{ collections: number }>(`/_control/collections?caseNumber=${caseNumber}`)).collections,
    stop: async () => {
      await kiosk.stop();
      await lockers.stop();
      await printerSide.stop();
      await sam.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
};
