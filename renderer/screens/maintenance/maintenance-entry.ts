/**
 * How staff reach maintenance mode from the attract screen, and only from there: Ctrl+Alt+M on a physical keyboard
 * (bank-style terminals, a technician's keyboard), or five taps within three seconds on the attract screen's
 * top-right corner (an invisible area: passers-by never see an entry, and a citizen's screens have none).
 */
export const MAINTENANCE_TAPS = 5;
export const MAINTENANCE_TAP_WINDOW_MS = 3000;

/** The taps that still count at `now` (this one included); the gesture is complete when there are enough. */
export const tapsWithinWindow = (earlier: readonly number[], now: number): number[] => [
  ...earlier.filter((time) => now - time < MAINTENANCE_TAP_WINDOW_MS),
  now,
];

export const completesGesture = (taps: readonly number[]) => taps.length >= MAINTENANCE_TAPS;

/** What a key press says of itself (a DOM KeyboardEvent's fields). */
interface KeyPress {
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
  code: string;
}

/** Ctrl+Alt+M, by the key's place (layouts and Alt may change the character it types). */
export const isMaintenanceChord = (event: KeyPress) =>
  event.ctrlKey && event.altKey && !event.shiftKey && !event.metaKey && event.code === 'KeyM';
