import { PrinterUnavailable, PrintInterrupted } from '../../../drivers/printer/printer-errors.ts';
import { PAPER } from '../../../drivers/printer/receipt-layout.ts';
import type { DeviceManager } from '../../../drivers/manager/device-manager.ts';
import { loadReceiptBranding } from '../../../main/cases/receipts/receipt-branding.ts';
import { testPage } from '../../../main/cases/receipts/test-page.ts';
import type { TerminalConfig } from '../../../main/config/terminal-config.ts';
import { CabinetModel, type Compartment } from '../../../main/lockers/cabinet.ts';
import { doorSubject } from '../../../main/lockers/locker-audit.ts';
import type { CommandInput } from '../command.ts';
import { recordTechnicianAction } from '../technician-record.ts';
import type { SelfTestCheck } from './self-test-result.ts';

/** The cabinets as people see them (doors numbered across each cabinet's boards), from the config's locker buses. */
const cabinetsOf = (config: TerminalConfig): CabinetModel =>
  new CabinetModel(config.devices.flatMap((device) => (device.kind === 'locker-bus' ? [{ id: device.id, label: device.label, boards: device.boards }] : [])));

/**
 * `--open-door CABINET:DOOR`: the cabinet by its device id or its label ("lockers-a" or "A柜"), the door by its
 * number on that cabinet. The compartment, or the one line that says what is wrong.
 */
export const doorToOpen = (config: TerminalConfig, value: string): Compartment | string => {
  const match = /^(.+):(\d+)$/.exec(value);
  const cabinets = cabinetsOf(config);
  const known = [...new Set(cabinets.compartments.map((compartment) => compartment.cabinet))];
  if (match === null) return `--open-door must be CABINET:DOOR (e.g. ${known[0] ?? 'lockers-a'}:1), not "${value}"`;
  const [, cabinet = '', door = ''] = match;
  const doors = cabinets.compartments.filter((compartment) => compartment.cabinet === cabinet || compartment.label === cabinet);
  if (doors.length === 0) return `--open-door: this terminal has no cabinet "${cabinet}" (${known.length === 0 ? 'it has no lockers' : `its cabinets: ${known.join(', ')}`})`;
  const compartment = doors.find((each) => each.number === Number(door));
  return compartment ?? `--open-door: cabinet ${cabinet} has doors 1–${doors.length}, not ${door}`;
};

/** `--print`: the test page (the same as `printer test`'s) on the terminal's receipt printer. */
export const printTestPage = async (config: TerminalConfig, devices: DeviceManager): Promise<SelfTestCheck> => {
  const printer = devices.receiptPrinter;
  const id = config.devices.find((device) => device.kind === 'receipt-printer')?.id;
  if (printer === null || id === undefined) return { check: 'test-page', ok: false, detail: 'this terminal has no receipt printer' };
  const { hallName, receipt, terminalId, timeZone } = config;
  try {
    const branding = await loadReceiptBranding({ hallName: hallName['zh-CN'], hotline: receipt.hotline, timeZone, logo: receipt.logo }, PAPER[receipt.paper]);
    await printer.print(testPage(branding, { terminalId, printedAt: new Date(), qr: terminalId }));
    return { check: 'test-page', device: id, ok: true, detail: 'printed: check the page (title, terminal id, time, QR) and the cut' };
  } catch (error) {
    if (error instanceof PrinterUnavailable || error instanceof PrintInterrupted) return { check: 'test-page', device: id, ok: false, detail: `cannot print: ${error.problem}` };
    return { check: 'test-page', device: id, ok: false, detail: (error as Error).message };
  }
};

/** `--open-door`: unlocks that one door and reads it open, recorded in the audit log first (as `locker open` is). */
export const openDoor = async (options: CommandInput['options'], devices: DeviceManager, door: Compartment): Promise<SelfTestCheck> => {
  const name = `${door.label} ${door.number}`;
  const bus = devices.lockerBuses.get(door.cabinet)?.bus;
  if (bus === undefined) return { check: 'door', device: door.cabinet, ok: false, detail: `no bus for cabinet ${door.cabinet}` };
  const subject = doorSubject(door);
  const recording = await recordTechnicianAction(options, { kind: 'door-opening', subject, reason: 'kioskctl self-test --open-door' });
  if ('problem' in recording) return { check: 'door', device: door.cabinet, ok: false, detail: `${name} not unlocked: ${recording.problem}` };
  const { result } = await bus.open(door.board, door.door);
  if (result !== 'opened' && recording.recorded !== null) {
    const failure = await recordTechnicianAction(options, { kind: 'door-not-opened', subject, reason: result });
    if ('problem' in failure) return { check: 'door', device: door.cabinet, ok: false, detail: `${name}: ${result}; ${failure.problem}` };
  }
  const detail = { opened: `${name} (board ${door.board} door ${door.door}) opened: close it again`, jammed: `${name} (board ${door.board} door ${door.door}) was unlocked but never read open: jammed, held, or its sensor wired the other way`, 'no-response': `board ${door.board} did not answer the unlock of ${name}` }[result];
  return { check: 'door', device: door.cabinet, ok: result === 'opened', detail };
};
