import { HidTransport } from '../transport/hid-transport.ts';
import { SerialTransport } from '../transport/serial-transport.ts';
import type { Transport } from '../transport/transport.ts';

/** How a device is wired, as a terminal's config says it (kiosk-config's device connections match this). */
export type DeviceConnection =
  | { type: 'serial'; path: string; baudRate: number }
  | { type: 'hid'; vendorId: number; productId: number };

/** The transport for a configured connection. */
export const transportFor = (connection: DeviceConnection): Transport =>
  connection.type === 'serial'
    ? new SerialTransport({ path: connection.path, baudRate: connection.baudRate })
    : new HidTransport({ vendorId: connection.vendorId, productId: connection.productId, reportId: 0 });
