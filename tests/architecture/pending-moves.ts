import type { PendingMove } from './import-rules.ts';

/**
 * Imports that break a rule today while another branch moves them away. Each is allowed until that branch
 * lands; once an entry matches no offending import, import-direction.test.ts fails until it is removed here.
 */
const DEMO_BRANCH = 'the demo branch moves main/launch/{start,demo-devices,electron-binary}.ts to demo/';
const DEVICE_MANAGER_BRANCH = 'until the device-manager branch lands: kioskctl gets its transports from drivers/manager';

export const PENDING_MOVES: readonly PendingMove[] = [
  // main/launch is the demo's launcher: the demo room may import drivers, simulators and the reference platform.
  { file: 'main/launch/demo-devices.ts', specifier: '../../drivers/printer/escpos-decoder.ts', until: DEMO_BRANCH },
  { file: 'main/launch/demo-devices.ts', specifier: '../../drivers/printer/receipt-layout.ts', until: DEMO_BRANCH },
  { file: 'main/launch/demo-devices.ts', specifier: '../../drivers/printer/receipt-svg.ts', until: DEMO_BRANCH },
  { file: 'main/launch/demo-devices.ts', specifier: '../../drivers/simulators/escpos-printer-simulator.ts', until: DEMO_BRANCH },
  { file: 'main/launch/demo-devices.ts', specifier: '../../drivers/simulators/scanner-demo-control.ts', until: DEMO_BRANCH },
  { file: 'main/launch/demo-devices.ts', specifier: '../../drivers/simulators/serial-scanner-simulator.ts', until: DEMO_BRANCH },
  { file: 'main/launch/demo-devices.ts', specifier: '../../drivers/simulators/idcard-demo-control.ts', until: DEMO_BRANCH },
  { file: 'main/launch/demo-devices.ts', specifier: '../../drivers/simulators/idcard-sam-simulator.ts', until: DEMO_BRANCH },
  { file: 'main/launch/demo-devices.ts', specifier: '../../drivers/simulators/pty-pair.ts', until: DEMO_BRANCH },
  { file: 'main/launch/demo-devices.ts', specifier: '../../drivers/simulators/locker-demo-control.ts', until: DEMO_BRANCH },
  { file: 'main/launch/demo-devices.ts', specifier: '../../drivers/simulators/locker-bus-simulator.ts', until: DEMO_BRANCH },
  { file: 'main/launch/start.ts', specifier: '../../reference-platform/catalogue/demo-signing-key.ts', until: DEMO_BRANCH },
  { file: 'main/launch/start.ts', specifier: '../../reference-platform/server.ts', until: DEMO_BRANCH },

  // kioskctl opens serial ports itself (`new SerialTransport`).
  { file: 'kiosk-config/kioskctl/commands/idcard-read.ts', specifier: '../../../drivers/transport/serial-transport.ts', until: DEVICE_MANAGER_BRANCH },
  { file: 'kiosk-config/kioskctl/commands/locker.ts', specifier: '../../../drivers/transport/serial-transport.ts', until: DEVICE_MANAGER_BRANCH },
  { file: 'kiosk-config/kioskctl/commands/printer.ts', specifier: '../../../drivers/transport/serial-transport.ts', until: DEVICE_MANAGER_BRANCH },
  { file: 'kiosk-config/kioskctl/commands/scanner-listen.ts', specifier: '../../../drivers/transport/serial-transport.ts', until: DEVICE_MANAGER_BRANCH },
];
