import { expect } from 'vitest';
import type { KioskWindowUnderX } from './kiosk-window-under-x.ts';

/**
 * Whether an escape vector was blocked on the real kiosk window: no window appeared or went (developer tools, a
 * dialog, a menu, a chooser, another browser window), the kiosk page neither reloaded nor navigated (it would say
 * hello again), the same browser still runs, and — where the vector leaves the page alone — not one pixel of the
 * screen changed.
 */
interface Seen {
  windows: string[];
  hellos: number;
  browser: number | undefined;
  screen: Buffer;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The windows by id and name, but the kiosk window by its id only: its name is its page's title, which a page may set. */
const look = async (kiosk: KioskWindowUnderX): Promise<Seen> => ({
  windows: (await kiosk.windows()).map((entry) => (entry.startsWith(`${kiosk.window} `) ? kiosk.window : entry)),
  hellos: kiosk.hellos(),
  browser: kiosk.shell.chromium?.pid,
  screen: await kiosk.screen(),
});

const changedPixels = (a: Buffer, b: Buffer) => {
  let changed = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i += 4) if (a.readUInt32LE(i) !== b.readUInt32LE(i)) changed++;
  return changed;
};

export interface BlockedOptions {
  /** Compare the screen before and after (vectors that do not touch the page's own content). */
  pixels: boolean;
  /** Before looking again: e.g. Escape, so that a page which still has the keyboard shows it as before. */
  settle?: () => Promise<unknown>;
}

export const expectBlocked = async (kiosk: KioskWindowUnderX, act: () => Promise<unknown>, options: BlockedOptions) => {
  const before = await look(kiosk);
  await act();
  await sleep(1200);
  await options.settle?.();
  const after = await look(kiosk);
  expect(after.windows, 'a window appeared or went').toEqual(before.windows);
  expect(after.hellos, 'the kiosk page reloaded or navigated').toBe(before.hellos);
  expect(after.browser, 'the browser was replaced').toBe(before.browser);
  if (options.pixels) expect(changedPixels(before.screen, after.screen), 'the screen changed').toBe(0);
};

/** The kiosk window's name: the escape page writes each vector's outcome into its title. */
export const windowTitle = async (kiosk: KioskWindowUnderX): Promise<string> => (await kiosk.xdotool('getwindowname', kiosk.window)).trim();

/** The title once it starts with `prefix` (the vector's outcome is in), or whatever it is after `ms`. */
export const untilWindowTitle = async (kiosk: KioskWindowUnderX, prefix: string, ms = 8000): Promise<string> => {
  const until = Date.now() + ms;
  for (;;) {
    const now = await windowTitle(kiosk);
    if (now.startsWith(prefix) || Date.now() > until) return now;
    await sleep(100);
  }
};
