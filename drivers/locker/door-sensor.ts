/** What a door's sensor says, as the kiosk uses it: unknown when the board's answer does not tell. */
export type DoorState = 'closed' | 'open' | 'unknown';

/**
 * How a cabinet's door switches are wired (locker-boards.md §1.4, §2, §3): with door-closing feedback (关门反馈)
 * the sensor reads 1 (bit) or 0x11 (byte) while the door is closed; with door-opening feedback (开门反馈) it
 * reads 1 while the door is open. Boards of one model are sold both ways, so this is a per-cabinet setting.
 */
export type DoorFeedback = 'door-closing' | 'door-opening';

export const DOOR_FEEDBACKS: readonly DoorFeedback[] = ['door-closing', 'door-opening'];

/** A sensor bit (true = 1); undefined when the board did not report this door. */
export const doorStateFromBit = (bit: boolean | undefined, feedback: DoorFeedback): DoorState => {
  if (bit === undefined) return 'unknown';
  return bit === (feedback === 'door-closing') ? 'closed' : 'open';
};

/** The bit a sensor shows for a door, as a board wired this way reports it (simulators encode with this). */
export const sensorBitFor = (open: boolean, feedback: DoorFeedback): boolean => open !== (feedback === 'door-closing');

/** §1.2/§1.4: the generic board's per-lock status byte is 0x11 (sensor on) or 0x00 (off); anything else is unknown. */
export const SENSOR_ON_BYTE = 0x11;
export const SENSOR_OFF_BYTE = 0x00;

export const doorStateFromStatusByte = (status: number, feedback: DoorFeedback): DoorState =>
  status === SENSOR_ON_BYTE ? doorStateFromBit(true, feedback)
  : status === SENSOR_OFF_BYTE ? doorStateFromBit(false, feedback)
  : 'unknown';
