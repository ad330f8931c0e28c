import { HID_POS_USAGE_PAGE } from '../scanner/hid-pos-report.ts';
import { DeviceFileTransport } from '../transport/device-file-transport.ts';
import { HidTransport } from '../transport/hid-transport.ts';
import { SerialTransport } from '../transport/serial-transport.ts';
import type { Transport } from '../transport/transport.ts';
import type { DeviceConnection } from './device-config.ts';

/**
 * How a HID device carries its bytes: a SAM reader's acknowledged 64-byte reports, or a HID-POS scanner's input
 * reports on its point-of-sale interface.
 */
export type HidRole = 'sam-reader' | 'hid-pos-scanner';

/** Reconnect timing and presence checks, where a caller needs them quicker than the defaults (kioskctl, tests). */
export interface TransportTiming {
  retryMs?: number;
  maxRetryMs?: number;
  presenceCheckMs?: number;
}

/** The transport for a configured connection: the one place a transport is constructed. */
export const transportFor = (connection: DeviceConnection, hidRole: HidRole = 'sam-reader', timing: TransportTiming = {}): Transport => {
  switch (connection.type) {
    case 'serial':
      return new SerialTransport({ path: connection.path, baudRate: connection.baudRate, ...timing });
    case 'hid': {
      const { vendorId, productId } = connection;
      const { retryMs, maxRetryMs } = timing;
      const reconnect = { ...(retryMs === undefined ? {} : { retryMs }), ...(maxRetryMs === undefined ? {} : { maxRetryMs }) };
      return hidRole === 'hid-pos-scanner'
        ? new HidTransport({ vendorId, productId, framing: 'raw-reports', usagePage: HID_POS_USAGE_PAGE, ...reconnect })
        : new HidTransport({ vendorId, productId, reportId: 0, ...reconnect });
    }
    case 'usb-printer':
      return new DeviceFileTransport({ path: connection.path, ...timing });
  }
};
