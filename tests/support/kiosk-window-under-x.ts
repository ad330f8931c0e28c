import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { CallResponse } from '../../main/api/index.ts';
import { startBrowserShell, type BrowserShell } from '../../main/browser-shell/start-browser-shell.ts';
import type { TerminalConfigInput } from '../../main/config/terminal-config.ts';
import { createKioskHost, type KioskHost } from '../../main/host/create-host.ts';
import { runKioskctl } from './run-kioskctl.ts';
import { silentLog } from './silent-log.ts';
import { testTerminal, type TestTerminal } from './test-terminal.ts';

const run = promisify(execFile);

/**
 * The real kiosk window as a terminal runs it: the browser shell opening Debian's Chromium in `--kiosk --app` mode on
 * a virtual X display (Xvfb), with the shipped managed policy in force. The policy reaches only this Chromium: it
 * runs in its own mount namespace where a scratch `/etc/chromium` (the machine's, plus the policy as `kioskctl
 * lockdown install` writes it) is bound over the real one, so the tests' other Chromiums (Playwright's) are untouched.
 * Needs root (a mount namespace), Xvfb, xdotool.
 */
export interface KioskWindowUnderX {
  readonly display: string;
  readonly host: KioskHost;
  readonly shell: BrowserShell;
  /** How many times a page said hello: a reload or a navigation back to the kiosk says it again. */
  hellos(): number;
  /** The X windows on screen (id and name): a new one is an escape (devtools, a dialog, a menu, a new window). */
  windows(): Promise<string[]>;
  /** The screen's pixels now (Xvfb's frame buffer). */
  screen(): Promise<Buffer>;
  /** xdotool, on this display. */
  xdotool(...args: string[]): Promise<string>;
  /** The kiosk window's X id (the browser's first; see findWindow after a restart). */
  readonly window: string;
  /** Looks for the kiosk window again (a restarted browser opens a new one) and makes it the one keys go to. */
  findWindow(name: string): Promise<string>;
  /** The Chromium command the browser shell runs: Debian's, with the shipped policy in force. */
  readonly chromiumWithPolicy: string;
  stop(): Promise<void>;
}

const waitFor = async (condition: () => boolean | Promise<boolean>, ms: number, what: string) => {
  const until = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

const freeDisplay = (): number => {
  for (let n = 90 + Math.floor(Math.random() * 50); ; n++) if (!existsSync(`/tmp/.X11-unix/X${n}`) && !existsSync(`/tmp/.X${n}-lock`)) return n;
};

export interface KioskWindowUnderXOptions {
  /** The page the shell serves (default: the built renderer). */
  rendererDir?: string;
  /** What the kiosk window's name (the page's title) contains once it is up. */
  windowName?: string;
  /** More of the terminal's config (e.g. a document camera). */
  config?: Partial<TerminalConfigInput>;
}

export const startKioskWindowUnderX = async (options: KioskWindowUnderXOptions = {}): Promise<KioskWindowUnderX> => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kiosk-window-x-'));
  const number = freeDisplay();
  const display = `:${number}`;
  const fbdir = path.join(dir, 'fb');
  await mkdir(fbdir);
  const xvfb: ChildProcess = spawn('Xvfb', [display, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp', '-fbdir', fbdir], { stdio: 'ignore' });
  const env = { ...process.env, DISPLAY: display };
  const xdotool = async (...args: string[]) => (await run('xdotool', args, { env })).stdout;
  try {
    await waitFor(() => existsSync(`/tmp/.X11-unix/X${number}`), 10_000, `Xvfb on ${display}`);
    await run('unshare', ['--mount', 'true']).catch((error: unknown) => {
      throw new Error(`the kiosk window tests need a mount namespace for Chromium's policy (root, CAP_SYS_ADMIN): ${(error as Error).message}`);
    });

    // The policy, installed into a scratch root as on a terminal, and that root's /etc/chromium bound over the real one.
    const root = path.join(dir, 'root');
    const installed = await runKioskctl('lockdown', 'install', '--root', root);
    if (installed.code !== 0) throw new Error(`lockdown install failed: ${installed.stderr}`);
    if (existsSync('/etc/chromium')) await cp('/etc/chromium', path.join(root, 'etc', 'chromium'), { recursive: true, force: false, errorOnExist: false });
    const wrapper = path.join(dir, 'chromium-with-policy');
    await writeFile(
      wrapper,
      `#!/bin/sh\nexec unshare --mount sh -c 'mount --bind "$0" /etc/chromium && exec /usr/bin/chromium --use-fake-device-for-media-stream "$@"' '${path.join(root, 'etc', 'chromium')}' "$@"\n`,
    );
    await chmod(wrapper, 0o755);

    const terminal: TestTerminal = await testTerminal({ ...options.config, browserShell: { chromiumPath: wrapper, requireLockdown: true } });
    const real = createKioskHost(terminal.config, { log: silentLog() });
    let hellos = 0;
    const host: KioskHost = {
      ...real,
      dispatch: async (raw: unknown): Promise<CallResponse> => {
        if ((raw as { method?: string }).method === 'kiosk.hello') hellos += 1;
        return real.dispatch(raw);
      },
    };
    await host.start();
    const shell = await startBrowserShell({
      host,
      log: silentLog(),
      window: 'kiosk-window',
      lockdownRoot: root,
      env,
      ...(options.rendererDir === undefined ? {} : { rendererDir: options.rendererDir }),
    });
    if (shell.windowRefused !== null) throw new Error(shell.windowRefused);
    await waitFor(() => hellos > 0, 30_000, 'the kiosk page');

    const windows = async () =>
      (await xdotool('search', '--onlyvisible', '--name', '.*').catch(() => ''))
        .split('\n')
        .filter(Boolean)
        .map((id) => id.trim());
    const named = async () => Promise.all((await windows()).map(async (id) => `${id} ${(await xdotool('getwindowname', id).catch(() => '')).trim()}`));
    let window = '';
    const findWindow = async (name: string) => {
      await waitFor(async () => {
        const kiosk = (await named()).find((entry) => entry.includes(name));
        window = kiosk?.split(' ')[0] ?? '';
        return window !== '';
      }, 15_000, 'the kiosk window');
      await xdotool('windowfocus', '--sync', window);
      await xdotool('mousemove', '1270', '1014'); // out of the way, outside the kiosk window
      return window;
    };
    await findWindow(options.windowName ?? '24小时自助政务服务');

    return {
      display,
      host,
      shell,
      get window() {
        return window;
      },
      findWindow,
      chromiumWithPolicy: wrapper,
      hellos: () => hellos,
      windows: named,
      screen: async () => {
        const xwd = await readFile(path.join(fbdir, 'Xvfb_screen0'));
        return xwd.subarray(xwd.readUInt32BE(0) + xwd.readUInt32BE(76) * 12);
      },
      xdotool,
      stop: async () => {
        await shell.stop();
        await host.stop();
        await terminal.remove();
        xvfb.kill('SIGTERM');
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    xvfb.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
};
