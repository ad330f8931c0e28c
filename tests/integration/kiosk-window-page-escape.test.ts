import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, readlink, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { LAUNCH_DIR } from '../../main/browser-shell/chromium.ts';
import { WEBSOCKET_PATH } from '../../main/browser-shell/ws-frames.ts';
import { expectBlocked, sleep, untilWindowTitle, windowTitle } from '../support/escape-verdict.ts';
import { startKioskWindowUnderX, type KioskWindowUnderX } from '../support/kiosk-window-under-x.ts';

/**
 * The escape vectors that start in the page: what a link in the page, or a script that got into it, could do to take
 * a citizen out of the kiosk — open a window, navigate elsewhere, download, choose a file, print, trap the unload,
 * ask for a permission or a device, select or drag. The real kiosk window (the browser shell's Chromium, managed
 * policy in force, under Xvfb) serves tests/support/escape-page/, whose keys try each vector from the page itself
 * and write the result into the title (the X window's name); links and the image are clicked and dragged with
 * xdotool. The shell's own defences are what is tested: the sandboxed CSP, the page bridge's guards
 * (main/browser-shell/page/page-guards.ts), the Permissions-Policy and the managed Chromium policy.
 */
let kiosk: KioskWindowUnderX;

beforeAll(async () => {
  kiosk = await startKioskWindowUnderX({ rendererDir: path.join(import.meta.dirname, '../support/escape-page'), windowName: 'ready: hello said' });
}, 60_000);
afterAll(async () => {
  await kiosk?.stop();
});

beforeEach(async () => {
  await kiosk.xdotool('windowfocus', '--sync', kiosk.window);
  await kiosk.xdotool('mousemove', '1270', '1014');
  await sleep(300);
});

const title = () => windowTitle(kiosk);
const untilTitle = (prefix: string, ms?: number) => untilWindowTitle(kiosk, prefix, ms);
/** The process and its descendants (Chromium's renderers, GPU and utility processes). */
const processTree = async (root: number): Promise<number[]> => {
  const parents = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    parents.set(Number(entry), ppid);
  }
  const tree = [root];
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (tree.includes(ppid) && !tree.includes(pid)) {
        tree.push(pid);
        grew = true;
      }
    }
  }
  return tree;
};

/** The TCP ports the processes listen on: their sockets' inodes (/proc/<pid>/fd) among the LISTEN entries of /proc/net/tcp{,6}. */
const listeningPorts = async (pids: number[]): Promise<number[]> => {
  const inodes = new Set<string>();
  for (const pid of pids) {
    for (const fd of await readdir(`/proc/${pid}/fd`).catch(() => [] as string[])) {
      const link = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
      if (inode !== undefined) inodes.add(inode);
    }
  }
  const ports: number[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of (await readFile(table, 'utf8').catch(() => '')).split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[3] === '0A' && inodes.has(fields[9] ?? '')) ports.push(parseInt(fields[1]?.split(':')[1] ?? '0', 16));
    }
  }
  return ports;
};

/** What this machine's Chromium would have downloaded into (its user's Downloads folder). */
const downloads = async () => (await readdir(path.join(os.homedir(), 'Downloads')).catch(() => [] as string[])).sort();
const press = (key: string) => kiosk.xdotool('key', '--window', kiosk.window, key);
/** A click on the page at a point of escape-page.css, then the pointer out of the way again. */
const clickAt = async (x: number, y: number) => {
  await kiosk.xdotool('mousemove', '--window', kiosk.window, String(x), String(y));
  await kiosk.xdotool('click', '1');
  await kiosk.xdotool('mousemove', '1270', '1014');
};

describe('the kiosk window under X: vectors from the page are blocked', () => {
  it.each([
    ['window.open to an external site', 'o', 'window.open: ok null'],
    ['window.open of a new kiosk window (_blank)', 'b', 'window.open _blank: ok null'],
    ['a script navigating to an external site', 'l', 'location external: ok assigned'],
    ['a script navigating to a data: URL', 'd', 'location data: ok assigned'],
    ['a script reloading the page', 'r', 'location reload: ok called'],
    ['print()', 'p', 'print: ok returned'],
  ])('%s', async (_vector, key, result) => {
    await expectBlocked(kiosk, async () => {
      await press(key);
      expect(await untilTitle(result.split(':')[0] ?? '')).toBe(result);
    }, { pixels: true });
  });

  it.each([
    ['a link to an external site', 120, 130],
    ['a target=_blank link', 360, 130],
    ['a link to a data: URL', 600, 130],
    ['a javascript: link', 120, 210],
  ])('%s', async (_vector, x, y) => {
    await expectBlocked(kiosk, () => clickAt(x, y), { pixels: true });
    expect(await title()).not.toBe('javascript: ran');
  });

  it.each([
    ['a download link', () => clickAt(600, 210)],
    ['a script starting a download', () => press('x')],
  ])('%s', async (_vector, act) => {
    const before = await downloads();
    await expectBlocked(kiosk, act, { pixels: true });
    expect(await downloads()).toEqual(before);
  });

  it.each([
    ['a file input tapped', () => clickAt(120, 290)],
    ['a script clicking the file input', () => press('f')],
  ])('%s', async (_vector, act) => {
    await expectBlocked(kiosk, act, { pixels: true });
  });

  it('a script opening the file chooser (showPicker)', async () => {
    await expectBlocked(kiosk, async () => {
      await press('shift+f');
      expect(await untilTitle('file picker')).toBe('file picker: refused NotAllowedError');
    }, { pixels: true });
  });

  it.each([
    ['a notification prompt', 'n', /^notification: ok denied$/],
    ['a geolocation prompt', 'g', /^geolocation: refused code 1$/],
    ['a microphone prompt', 'm', /^microphone: refused NotAllowedError$/],
    ['the camera (a terminal without a document camera)', 'c', /^camera: refused NotAllowedError$/],
    ['a WebHID device request', 'h', /^webhid: refused (SecurityError|NotAllowedError|NotFoundError)$/],
    ['a Web Serial port request', 's', /^webserial: refused (SecurityError|NotAllowedError|NotFoundError)$/],
    ['a WebUSB device request', 'u', /^webusb: refused (SecurityError|NotAllowedError|NotFoundError)$/],
  ])('%s', async (_vector, key, refused) => {
    await expectBlocked(kiosk, async () => {
      await press(key);
      expect(await untilTitle(refused.source.slice(1).split(':')[0] ?? '')).toMatch(refused);
    }, { pixels: true });
  });

  it('text selection by dragging across the text', async () => {
    await expectBlocked(kiosk, async () => {
      await kiosk.xdotool('mousemove', '--window', kiosk.window, '30', '45');
      await kiosk.xdotool('mousedown', '1');
      for (const x of [100, 250, 400, 580]) await kiosk.xdotool('mousemove', '--window', kiosk.window, String(x), '50');
      await kiosk.xdotool('mouseup', '1');
      await kiosk.xdotool('mousemove', '1270', '1014');
      expect(await untilTitle('selection')).toBe('selection: 0 characters');
    }, { pixels: true });
  });

  it('text selection by a double click', async () => {
    await expectBlocked(kiosk, async () => {
      await kiosk.xdotool('mousemove', '--window', kiosk.window, '60', '45');
      await kiosk.xdotool('click', '--repeat', '2', '1');
      await kiosk.xdotool('mousemove', '1270', '1014');
      expect(await untilTitle('selection')).toBe('selection: 0 characters');
    }, { pixels: true });
  });

  /** The escape page is still the kiosk's page and still has the keyboard: a key still reaches its script. */
  const stillThePage = async () => {
    await press('o');
    expect(await untilTitle('window.open')).toBe('window.open: ok null');
  };

  // A drag that starts shows the browser's drag windows (and takes the X selection XdndSelection) while it lasts.
  it.each([
    ['dragging the image out of the kiosk', 320, 210],
    ['dragging a link out of the kiosk', 120, 130],
  ])('%s', async (_vector, x, y) => {
    await expectBlocked(kiosk, async () => {
      const before = await kiosk.windows();
      await kiosk.xdotool('mousemove', '--window', kiosk.window, String(x), String(y));
      await kiosk.xdotool('mousedown', '1');
      for (const to of [x + 20, x + 60, x + 200, 900, 1200]) {
        await kiosk.xdotool('mousemove', String(to), '600');
        await sleep(100);
      }
      const during = await kiosk.windows();
      await kiosk.xdotool('mouseup', '1');
      await kiosk.xdotool('mousemove', '1270', '1014');
      expect(during.length, 'a drag started').toBe(before.length);
    }, { pixels: false });
    await stillThePage();
  });

  it.each([
    ['dropping a link dragged in from another window', 40],
    ['dropping a file:// link dragged in from another window', 140],
  ])('%s', async (_vector, y) => {
    const profile = await mkdtemp(path.join(os.tmpdir(), 'kiosk-drag-source-'));
    const links = '<a href="https://example.com/" style="display:block;height:80px">web</a><a href="file:///etc/passwd" style="display:block;height:80px">file</a>';
    const source = spawn(
      '/usr/bin/chromium',
      ['--no-sandbox', '--no-first-run', `--user-data-dir=${profile}`, '--window-position=1080,20', '--window-size=180,300', `--app=data:text/html,<title>drag source</title>${links}`],
      { env: { ...process.env, DISPLAY: kiosk.display }, stdio: 'ignore' },
    );
    try {
      let sourceWindow = '';
      for (let tries = 0; sourceWindow === '' && tries < 150; tries++) {
        sourceWindow = (await kiosk.windows()).find((entry) => entry.endsWith(' drag source'))?.split(' ')[0] ?? '';
        await sleep(100);
      }
      expect(sourceWindow, 'the drag source window').not.toBe('');
      await sleep(500);
      await expectBlocked(kiosk, async () => {
        await kiosk.xdotool('mousemove', '--window', sourceWindow, '20', String(y));
        await kiosk.xdotool('mousedown', '1');
        for (const [x, to] of [[1060, 100], [1000, 300], [800, 400], [600, 500], [500, 600]] as const) {
          await kiosk.xdotool('mousemove', String(x), String(to));
          await sleep(150);
        }
        await kiosk.xdotool('mouseup', '1');
        await kiosk.xdotool('mousemove', '1270', '1014');
        await kiosk.xdotool('windowfocus', '--sync', kiosk.window);
      }, { pixels: false });
      await stillThePage();
    } finally {
      source.kill('SIGKILL');
      await new Promise((resolve) => source.once('exit', resolve));
      await rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    }
  });

  it('a beforeunload trap, then a reload: no dialog, and the page stays', async () => {
    await expectBlocked(kiosk, async () => {
      await press('t');
      expect(await untilTitle('beforeunload')).toBe('beforeunload trap: ok set');
      await press('r');
      expect(await untilTitle('location reload')).toBe('location reload: ok called');
    }, { pixels: true });
  });

  it('a remote-debugging port: the kiosk browser listens on none', async () => {
    const listening = await listeningPorts(await processTree(kiosk.shell.chromium?.pid ?? 0));
    expect(listening).toEqual([]);
  });

  it('a remote-debugging port asked for on the command line: the policy keeps it shut (and without the policy it opens)', async () => {
    const portOf = async (command: string) => {
      const port = 20_000 + Math.floor(Math.random() * 20_000);
      const profile = await mkdtemp(path.join(os.tmpdir(), 'kiosk-debug-port-'));
      const browser = spawn(command, ['--headless', '--no-sandbox', `--user-data-dir=${profile}`, `--remote-debugging-port=${port}`, 'about:blank'], { stdio: 'ignore' });
      try {
        let open = false;
        for (let tries = 0; !open && tries < 40; tries++) {
          open = await fetch(`http://127.0.0.1:${port}/json/version`).then(() => true, () => false);
          await sleep(250);
        }
        return open;
      } finally {
        browser.kill('SIGKILL');
        await new Promise((resolve) => browser.once('exit', resolve));
        await rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
      }
    };
    expect(await portOf(kiosk.chromiumWithPolicy), 'the kiosk Chromium opened a debugging port').toBe(false);
    expect(await portOf('/usr/bin/chromium'), 'a Chromium without the policy (the check can fail)').toBe(true);
  });

  it('a second local process with the launch link: the out-of-service page, and the kiosk page stays', async () => {
    const { port } = new URL(kiosk.shell.server.origin);
    const launchFiles = await readdir(LAUNCH_DIR).catch(() => [] as string[]);
    const links = (await Promise.all(launchFiles.map((file) => readFile(path.join(LAUNCH_DIR, file), 'utf8').catch(() => ''))))
      .map((html) => /url=([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&') ?? '')
      .filter((url) => url.startsWith(`http://127.0.0.1:${port}/`));
    expect(links, 'the kiosk browser launch file').toHaveLength(1);
    const answer = await fetch(links[0] ?? '', { redirect: 'manual' });
    expect(answer.status).toBe(403);
    expect(await answer.text()).toContain('暂停服务');
    // Nor can it talk to the host: without the page's cookie its WebSocket is refused.
    const refusal = await new Promise<number>((resolve) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}${WEBSOCKET_PATH}`, { origin: kiosk.shell.server.origin });
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.on('open', () => (socket.close(), resolve(101)));
      socket.on('error', () => resolve(-1));
    });
    expect(refusal).toBe(403);
    await stillThePage();
  });

  // Last: the browser is replaced, and the suite's window with it.
  it('a beforeunload trap does not hold the watchdog: a restart brings a fresh page within 5 s', async () => {
    await press('t');
    expect(await untilTitle('beforeunload')).toBe('beforeunload trap: ok set');
    const hellos = kiosk.hellos();
    const started = Date.now();
    kiosk.shell.chromium?.restart('the escape suite');
    while (kiosk.hellos() === hellos && Date.now() - started < 15_000) await sleep(100);
    expect(Date.now() - started).toBeLessThan(5000);
    await kiosk.findWindow('ready: hello said');
    expect(await kiosk.windows()).toHaveLength(2);
  });
});
