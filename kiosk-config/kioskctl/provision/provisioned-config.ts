import type { z } from 'zod';
import type { deviceConfigSchema } from '../../../drivers/manager/device-config.ts';
import type { PortFinding } from '../../../drivers/manager/probe/serial-port-probe.ts';
import type { ProvisionAnswers } from './provision-answers.ts';

/** A device as a config file writes it (defaults left to the schema). */
type DeviceEntry = z.input<typeof deviceConfigSchema>;

/** The staff accounts file, beside the terminal config. */
export const STAFF_FILE = 'staff.json';

/** What the probe found, as the terminal's devices: one ID card reader, one receipt printer, a cabinet per locker bus. */
export const devicesFound = (findings: readonly PortFinding[]): DeviceEntry[] => {
  const devices: DeviceEntry[] = [];
  let cabinets = 0;
  for (const finding of findings) {
    if (finding.device === 'idcard-reader' && !devices.some((device) => device.kind === 'idcard-reader')) {
      devices.push({ id: 'idcard', kind: 'idcard-reader', connection: { type: 'serial', path: finding.port, baudRate: finding.baud } });
    } else if (finding.device === 'receipt-printer' && !devices.some((device) => device.kind === 'receipt-printer')) {
      devices.push({ id: 'printer', kind: 'receipt-printer', connection: { type: 'serial', path: finding.port, baudRate: finding.baud } });
    } else if (finding.device === 'locker-bus') {
      const letter = String.fromCharCode(0x41 + cabinets++);
      devices.push({
        id: `lockers-${letter.toLowerCase()}`,
        kind: 'locker-bus',
        label: `${letter}柜`,
        protocol: finding.protocol,
        connection: { type: 'serial', path: finding.port, baudRate: finding.baud },
        boards: finding.boards.map((address) => ({ address })),
      });
    }
  }
  return devices;
};

/**
 * The terminal config provisioning writes: the profile it extends, the terminal's own id, hall, data directory and
 * platform, its devices, and — with staff — the staff accounts file (maintenance mode; a cabinet's too). No enrolment
 * code, no password.
 */
export const provisionedConfig = (answers: ProvisionAnswers, devices: readonly unknown[]): Record<string, unknown> => {
  // Staff maintenance on every terminal with staff; a cabinet's lockers sign its staff in with the same file.
  const staff = answers.staff.length > 0 ? { staff: { accounts: STAFF_FILE } } : {};
  const lockers = devices.some((device) => (device as { kind?: unknown }).kind === 'locker-bus') && answers.staff.length > 0 ? { lockers: { staffAccounts: STAFF_FILE } } : {};
  return {
    extends: answers.profile,
    terminalId: answers.terminalId,
    hallName: answers.hallName,
    dataDir: answers.dataDir,
    platform: { baseUrl: answers.platform.baseUrl },
    devices,
    ...(answers.catalogue === undefined ? {} : { catalogue: answers.catalogue }),
    ...staff,
    ...lockers,
  };
};
