import { DeviceFileTransport } from '../transport/device-file-transport.ts';
import { HidTransport } from '../transport/hid-transport.ts';
import { SerialTransport } from '../transport/serial-transport.ts';
import type { Transport } from '../transport/transport.ts';
import type { DeviceConnection } from './device-config.ts';

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
