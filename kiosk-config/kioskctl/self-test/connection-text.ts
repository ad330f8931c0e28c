import type { DeviceConfig } from '../../../drivers/manager/device-config.ts';

/** How a device is wired, in a technician's words: "serial /dev/ttyUSB0 @115200", "hid 1a86:e010", "sane test". */
export const connectionText = (connection: DeviceConfig['connection']): string => {
  switch (connection.type) {
    case 'serial':
      return `serial ${connection.path} @${connection.baudRate}`;
    case 'hid':
      return `hid ${connection.vendorId.toString(16).padStart(4, '0')}:${connection.productId.toString(16).padStart(4, '0')}`;
    case 'usb-printer':
      return `usb printer ${connection.path}`;
    case 'keyboard':
      return 'keyboard wedge';
    case 'camera':
      return `camera ${connection.label ?? '(the first one)'}`;
    case 'sane':
      return `sane ${connection.device}`;
  }
};
