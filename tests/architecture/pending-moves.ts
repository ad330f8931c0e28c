import type { PendingMove } from './import-rules.ts';

/**
 * Imports that break a rule today while another branch moves them away. Each is allowed until that branch
 * lands; once an entry matches no offending import, import-direction.test.ts fails until it is removed here.
 */
const DEVICE_MANAGER_BRANCH = 'until the device-manager branch lands: kioskctl gets its transports from drivers/manager';

export const PENDING_MOVES: readonly PendingMove[] = [
  // kioskctl opens serial ports itself (`new SerialTransport`).
  { file: 'kiosk-config/kioskctl/commands/idcard-read.ts', specifier: '../../../drivers/transport/serial-transport.ts', until: DEVICE_MANAGER_BRANCH },
  { file: 'kiosk-config/kioskctl/commands/locker.ts', specifier: '../../../drivers/transport/serial-transport.ts', until: DEVICE_MANAGER_BRANCH },
  { file: 'kiosk-config/kioskctl/commands/printer.ts', specifier: '../../../drivers/transport/serial-transport.ts', until: DEVICE_MANAGER_BRANCH },
  { file: 'kiosk-config/kioskctl/commands/scanner-listen.ts', specifier: '../../../drivers/transport/serial-transport.ts', until: DEVICE_MANAGER_BRANCH },
];
