import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep, untilWindowTitle } from '../support/escape-verdict.ts';
import { startKioskWindowUnderX, type KioskWindowUnderX } from '../support/kiosk-window-under-x.ts';

/**
 * The camera on a terminal whose document scanner is a camera (review finding 12): in the real kiosk window, with the
 * managed policy in force, the camera goes to the kiosk's own page because the policy names its origin
 * (VideoCaptureAllowedUrls) — not because Chromium accepts every request (`--use-fake-ui-for-media-stream`, which
 * would give it to any origin); the microphone stays refused. The page is tests/support/escape-page/, whose 'c' and
 * 'm' keys ask for the camera and the microphone and write the outcome into the title.
 */
let kiosk: KioskWindowUnderX;

beforeAll(async () => {
  kiosk = await startKioskWindowUnderX({
    rendererDir: path.join(import.meta.dirname, '../support/escape-page'),
    windowName: 'ready: hello said',
    config: { devices: [{ id: 'doccam', kind: 'document-scanner', connection: { type: 'camera' }, dpi: 200, colour: 'auto' }] },
  });
}, 60_000);
afterAll(async () => {
  await kiosk?.stop();
});

const untilTitle = (prefix: string, ms?: number) => untilWindowTitle(kiosk, prefix, ms);

describe('the camera in the kiosk window of a camera terminal', () => {
  it('is not granted by accepting every request: the shell started Chromium without the fake UI flag', async () => {
    const pid = kiosk.shell.chromium?.pid;
    expect(pid).toBeGreaterThan(0);
    const commandLine = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
    expect(commandLine).toContain('--kiosk');
    expect(commandLine).not.toContain('--use-fake-ui-for-media-stream');
  });

  it('goes to the kiosk’s own page, by the managed policy, with no prompt', async () => {
    const ids = async () => (await kiosk.windows()).map((window) => window.split(' ')[0]);
    const before = await ids();
    await kiosk.xdotool('key', '--window', kiosk.window, 'c');
    expect(await untilTitle('camera')).toBe('camera: ok a stream');
    // No prompt, bubble or other window came up.
    await sleep(500);
    expect(await ids()).toEqual(before);
  });

  it('while the microphone stays refused', async () => {
    await kiosk.xdotool('key', '--window', kiosk.window, 'm');
    expect(await untilTitle('microphone')).toMatch(/^microphone: refused NotAllowedError$/);
  });
});
