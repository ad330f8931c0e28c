/**
 * Which keys are a browser's escape hatches (devtools, reload, new windows, history, zoom, printing …), as one pure
 * decision both shells apply: the Electron shell in `before-input-event`, the browser shell's page bridge in a
 * capture-phase `keydown` listener. Imports nothing: it runs in the host and in the page.
 */

/** What decides whether a key is an escape hatch (Electron's `Input` and a DOM `KeyboardEvent` both give it). */
export interface KeyInput {
  key: string;
  code: string;
  control: boolean;
  alt: boolean;
  shift: boolean;
  meta: boolean;
}

/** Keys that do browser things whatever the modifiers: reload, full screen, devtools, history. */
const ALWAYS_BLOCKED = new Set([
  'F5',
  'F11',
  'F12',
  'BrowserBack',
  'BrowserForward',
  'BrowserRefresh',
  'BrowserHome',
  'BrowserSearch',
  'BrowserFavorites',
  'BrowserStop',
  'Print',
]);

/** With Ctrl (or Cmd), only editing keys pass: select all, copy, cut, paste, undo, redo, caret moves. */
const EDITING_LETTERS = new Set(['a', 'c', 'v', 'x', 'z', 'y']);
const CARET_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'Backspace']);
const MODIFIER_KEYS = new Set(['Control', 'Shift', 'Alt', 'Meta', 'AltGraph', 'CapsLock']);

/** With Alt: close window, history back and forward, home page. */
const ALT_BLOCKED = new Set(['F4', 'ArrowLeft', 'ArrowRight', 'Home']);

/**
 * Staff's way into maintenance mode from the attract screen (renderer/screens/maintenance/maintenance-entry.ts):
 * Ctrl+Alt+M by the key's place, whatever character the layout makes of it. No browser binds it.
 */
const isMaintenanceChord = (input: KeyInput) => input.control && input.alt && !input.shift && !input.meta && input.code === 'KeyM';

/**
 * Why a key must not reach the kiosk (a sentence for the log), or null when it may. Everything a citizen
 * or a bank terminal's function keys need passes: letters, digits, Tab, Enter, Escape, arrows, F1-F4 and
 * F6-F10, and the maintenance chord. Ctrl+W, Alt+F4, F5, Ctrl+R, F11, F12, Ctrl+Shift+I, Ctrl+P, Ctrl+O, Ctrl+N and their kin do not.
 */
export const blockedShortcut = (input: KeyInput): string | null => {
  const { key } = input;
  if (ALWAYS_BLOCKED.has(key)) return `${key} is a browser key`;
  if (MODIFIER_KEYS.has(key)) return null;
  if (input.alt && ALT_BLOCKED.has(key)) return `Alt+${key} closes or navigates`;
  if (key === 'Escape' && input.shift) return "Shift+Escape opens the browser's task manager";
  if (isMaintenanceChord(input)) return null;
  if (input.control || input.meta) {
    const letter = key.toLowerCase();
    const editing = input.shift ? letter === 'z' : EDITING_LETTERS.has(letter);
    if (editing || CARET_KEYS.has(key)) return null;
    return `${input.shift ? 'Ctrl+Shift' : 'Ctrl'}+${key} is a browser shortcut`;
  }
  return null;
};

/**
 * Function keys the kiosk itself may use (bank terminals' F1–F10 beside the screen) but whose browser default must
 * not run: F1 help, F3 find, F6 the address bar, F7 caret browsing, F10 the menu. The page still receives them.
 */
export const hasBrowserDefault = (input: KeyInput): boolean => /^F([1-9]|1[0-2])$/.test(input.key) && blockedShortcut(input) === null;
