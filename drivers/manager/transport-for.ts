import { DeviceFileTransport } from '../transport/device-file-transport.ts';
import { HidTransport } from '../transport/hid-transport.ts';
import { SerialTransport } from '../transport/serial-transport.ts';
import type { Transport } from '../transport/transport.ts';

/** How a device is wired, as a terminal's config says it (kiosk-config's device connections match this). */
export type DeviceConnection =
  | { type: 'serial'; path: string; baudRate: number }
  | { type: 'hid'; vendorId: number; productId: number }
  | { type: 'usb-printer'; path: string };

/** The transport for a configured connection. */
export const transportFor = (connection: DeviceConnection): Transport => {
  switch (connection.type) {
    case 'serial':
      return new SerialTransport({ path: connection.path, baudRate: connection.baudRate });
    case 'hid':
      return new HidTransport({ vendorId: connection.vendorId, productId: connection.productId, reportId: 0 });
    case 'usb-printer':
      return new DeviceFileTransport({ path: connection.path });
  }
};
