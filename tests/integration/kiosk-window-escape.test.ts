import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { shippedChromiumPolicy } from '../../main/lockdown/chromium-policy.ts';
import { expectBlocked, sleep } from '../support/escape-verdict.ts';
import { startKioskWindowUnderX, type KioskWindowUnderX } from '../support/kiosk-window-under-x.ts';

/**
 * The escape vectors a bored teenager tries on a kiosk, each sent as real key and pointer events (xdotool) to the
 * real kiosk window (the browser shell's Chromium, `--kiosk --app`, managed policy in force) on a virtual display.
 * Blocked means: no new window (developer tools, a dialog, a menu, another browser window), the kiosk page neither
 * reloaded nor navigated away (it would say hello again), the same browser still running, and — for keys — not one
 * pixel of the screen changed, the page keeping the keyboard. docs/security.md holds the table.
 */
let kiosk: KioskWindowUnderX;

beforeAll(async () => {
  kiosk = await startKioskWindowUnderX();
}, 60_000);
afterAll(async () => {
  await kiosk?.stop();
});

/**
 * Back on the attract screen, focused, the pointer out of the way, painted; Escape first, so the page is in keyboard
 * mode already (its focus ring shown) and a key's only visible effect would be an escape.
 */
beforeEach(async () => {
  await kiosk.host.dispatch({ method: 'session.end', params: {} });
  await kiosk.xdotool('windowfocus', '--sync', kiosk.window);
  await kiosk.xdotool('mousemove', '1270', '1014');
  await kiosk.xdotool('key', '--window', kiosk.window, 'Escape');
  await sleep(700);
});

const blocked = (act: () => Promise<unknown>, { pixels }: { pixels: boolean }) =>
  // Escape again before looking: if the page still has the keyboard, it shows its focus ring as before (a browser
  // that took the focus away, to a menu or a task manager, would leave the screen changed).
  expectBlocked(kiosk, act, {
    pixels,
    settle: async () => {
      await kiosk.xdotool('key', '--window', kiosk.window, 'Escape');
      await sleep(300);
    },
  });

const keys: Array<[string, string[]]> = [
  ['F12 (developer tools)', ['F12']],
  ['Ctrl+Shift+I (developer tools)', ['ctrl+shift+i']],
  ['Ctrl+Shift+J (console)', ['ctrl+shift+j']],
  ['Ctrl+Shift+C (inspect element)', ['ctrl+shift+c']],
  ['Ctrl+U (view source)', ['ctrl+u']],
  ['Ctrl+N (new window)', ['ctrl+n']],
  ['Ctrl+Shift+N (incognito window)', ['ctrl+shift+n']],
  ['Ctrl+T (new tab)', ['ctrl+t']],
  ['Ctrl+W (close tab)', ['ctrl+w']],
  ['Ctrl+Shift+W (close window)', ['ctrl+shift+w']],
  ['Ctrl+Q (quit)', ['ctrl+q']],
  ['Alt+F4 (close window)', ['alt+F4']],
  ['Ctrl+O (open a file)', ['ctrl+o']],
  ['Ctrl+S (save the page)', ['ctrl+s']],
  ['Ctrl+P (print)', ['ctrl+p']],
  ['Ctrl+Shift+P (print with the system dialog)', ['ctrl+shift+p']],
  ['Ctrl+H (history)', ['ctrl+h']],
  ['Ctrl+J (downloads)', ['ctrl+j']],
  ['Ctrl+F (find)', ['ctrl+f']],
  ['F3 (find next)', ['F3']],
  ['Ctrl+G (find next)', ['ctrl+g']],
  ['F7 (caret browsing prompt)', ['F7']],
  ['Ctrl+D (bookmark)', ['ctrl+d']],
  ['Ctrl+Shift+B (bookmarks bar)', ['ctrl+shift+b']],
  ['Ctrl+Shift+O (bookmarks manager)', ['ctrl+shift+o']],
  ['Ctrl+Shift+Delete (clear browsing data)', ['ctrl+shift+Delete']],
  ['Ctrl+Shift+M (switch profile)', ['ctrl+shift+m']],
  ['Ctrl+R (reload)', ['ctrl+r']],
  ['F5 (reload)', ['F5']],
  ['Ctrl+Shift+R (hard reload)', ['ctrl+shift+r']],
  ['F11 (leave full screen)', ['F11']],
  ['Alt+Left (back)', ['alt+Left']],
  ['Alt+Right (forward)', ['alt+Right']],
  ['Alt+Home (home page)', ['alt+Home']],
  ['BrowserBack key', ['XF86Back']],
  ['Ctrl+plus (zoom in)', ['ctrl+plus']],
  ['Ctrl+minus (zoom out)', ['ctrl+minus']],
  ['Ctrl+0 (zoom reset)', ['ctrl+0']],
  ['Alt (the browser menu)', ['alt']],
  ['Alt+F / Alt+E (the browser menu)', ['alt+f', 'alt+e']],
  ['Shift+F10 (context menu)', ['shift+F10']],
  ['the Menu key (context menu)', ['Menu']],
  ['Shift+Escape (task manager)', ['shift+Escape']],
];

describe('the kiosk window under X: every escape vector is blocked', () => {
  it('runs with the shipped managed policy in force (as Chromium sees its /etc)', async () => {
    const pid = kiosk.shell.chromium?.pid ?? 0;
    const seen = JSON.parse(await readFile(`/proc/${pid}/root/etc/chromium/policies/managed/gov-service-kiosk.json`, 'utf8')) as unknown;
    expect(seen).toEqual(await shippedChromiumPolicy());
  });

  it.each(keys)('%s', async (_vector, sequence) => {
    await blocked(() => kiosk.xdotool('key', '--window', kiosk.window, '--delay', '50', ...sequence), { pixels: true });
  });

  // The typed letters and Return reach the page (Return presses its focused start button): watched for a navigation.
  it('Ctrl+L then a file:// URL and Return', async () => {
    const sequence = ['ctrl+l', 'f', 'i', 'l', 'e', 'colon', 'slash', 'slash', 'slash', 'e', 't', 'c', 'Return'];
    await blocked(() => kiosk.xdotool('key', '--window', kiosk.window, '--delay', '50', ...sequence), { pixels: false });
  });

  // Pointer vectors touch the page (a tap starts a session), so only windows, reloads and the browser are watched.
  it.each([
    ['right click (context menu)', ['click', '3']],
    ['middle click (open in a new window)', ['click', '2']],
    ['Ctrl+wheel (zoom)', ['keydown', 'ctrl', 'click', '4', 'click', '4', 'keyup', 'ctrl']],
    ['long press (touch context menu)', ['mousedown', '1', 'sleep', '1.5', 'mouseup', '1']],
  ])('%s', async (_vector, actions) => {
    await blocked(async () => {
      await kiosk.xdotool('mousemove', '640', '500');
      await kiosk.xdotool(...actions);
    }, { pixels: false });
  });
});
