import type { EventEmitter } from 'node:events';

/**
 * A byte pipe to one device, whatever carries it (serial, HID, TCP). Drivers speak their protocol over this
 * and never see the carrier. A transport keeps itself connected: when the device disappears (unplugged,
 * USB reset) it says so and keeps trying until the device is back.
 */
export type TransportState = 'closed' | 'connecting' | 'open' | 'reconnecting';

export type TransportEvents = {
  data: [chunk: Uint8Array];
  state: [state: TransportState];
  /** Something went wrong underneath (open failed, device vanished); the transport deals with it. */
  error: [error: Error];
};

export interface Transport extends Pick<EventEmitter<TransportEvents>, 'on' | 'off' | 'once'> {
  /** Names the device for technicians and logs: "serial /dev/ttyUSB0 @115200". */
  readonly description: string;
  readonly state: TransportState;
  /** Starts keeping the device connected; resolves after the first attempt, whether it connected or not. */
  open(): Promise<void>;
  /** Sends bytes; rejects with TransportNotOpen when the device is not connected now. */
  write(bytes: Uint8Array): Promise<void>;
  /** Disconnects for good. */
  close(): Promise<void>;
}

export class TransportNotOpen extends Error {
  constructor(description: string) {
    super(`${description} is not connected`);
    this.name = 'TransportNotOpen';
  }
}
