import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIOSK_UI_USER } from '../../main/lockdown/os-session-pieces.ts';
import { terminalIdentityFile } from '../../main/platform/terminal-identity.ts';
import { canMakeKioskUsers, listProcesses, makeKioskUsers, processTree, type KioskUsers, type ProcessEntry } from '../support/kiosk-users-namespace.ts';
import { testTerminal, type TestTerminal } from '../support/test-terminal.ts';

/**
 * Issue 20: Chromium runs under its own OS user, where the host runs as another, so the page can never read the
 * host's files. End to end, nothing simulated: the production entry (main/browser-shell/main.ts --config) runs as
 * the host's user gov-kiosk, in a mount namespace where this machine has the kiosk's users, sudo rule, launcher and
 * runtime directories (tests/support/kiosk-users-namespace.ts), and opens Debian's Chromium through sudo and the
 * shipped kiosk-chromium launcher as gov-kiosk-ui, on an Xvfb display.
 */
const run = promisify(execFile);
const project = path.resolve(import.meta.dirname, '..', '..');
const HOST_USER = 'gov-kiosk';
const WINDOW_NAME = '24小时自助政务服务';
const CHROMIUM = '/usr/lib/chromium/chromium';

const waitFor = async <T>(probe: () => T | undefined | Promise<T | undefined>, ms: number, what: string): Promise<T> => {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

const freeDisplay = (): number => {
  for (let n = 150 + Math.floor(Math.random() * 50); ; n++) if (!existsSync(`/tmp/.X11-unix/X${n}`) && !existsSync(`/tmp/.X${n}-lock`)) return n;
};

/** Chromium and its crash handler; its helpers rewrite their command line into one string: "<binary> --type=renderer …". */
const isChromium = (entry: ProcessEntry) => entry.command.startsWith(path.dirname(CHROMIUM) + '/');
const typeOf = (entry: ProcessEntry) => {
  const binary = entry.command.split(' ')[0] ?? '';
  return binary === CHROMIUM ? (/ --type=(\S+)/.exec(entry.command)?.[1] ?? 'browser') : path.basename(binary);
};

describe.skipIf(!canMakeKioskUsers())('Chromium under its own OS user (needs root and a mount namespace)', () => {
  let scratch: string;
  let terminal: TestTerminal;
  let users: KioskUsers;
  let xvfb: ChildProcess | null = null;
  let host: ChildProcess | null = null;
  let hostExit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  let hostLog = '';
  /** The host's structured log (stderr), one JSON object a line. */
  let hostErrors = '';
  let display: string;
  let dataDir: string;
  /** The host's mount namespace: every Chromium of this test is in it, no other test's is. */
  let namespace: string | undefined;
  const seen = new Set<number>();

  const env = () => ({ ...process.env, DISPLAY: display });
  const kioskWindows = async () =>
    (await run('xdotool', ['search', '--name', WINDOW_NAME], { env: env() }).catch(() => ({ stdout: '' }))).stdout.split('\n').filter(Boolean);
  /** The pids of sudo the supervisor started ("Chromium started" in the host's log), in order. */
  const sudoPids = () =>
    hostErrors
      .split('\n')
      .slice(0, -1) // complete lines only
      .filter((line) => line.includes('"Chromium started"'))
      .map((line) => (JSON.parse(line) as { pid: number }).pid);
  const hostPid = () => host?.pid ?? -1;
  /** This test's Chromium processes: in the host's namespace, whoever their parent is now. */
  const ourChromiums = async () => {
    const found = (await listProcesses()).filter((entry) => isChromium(entry) && entry.mountNamespace === namespace);
    for (const entry of found) seen.add(entry.pid);
    return found;
  };
  /** The browser sudo runs (its child, or sudo itself had it exec'd) and every process under it. */
  const browserUnder = async (sudo: number) => {
    const all = await listProcesses();
    const tree = processTree(all, sudo).filter(isChromium);
    for (const entry of tree) seen.add(entry.pid);
    const browser = tree.find((entry) => typeOf(entry) === 'browser');
    const renderer = tree.find((entry) => typeOf(entry) === 'renderer');
    return browser === undefined || renderer === undefined ? undefined : { browser, tree };
  };
  const log = () => `host log:\n${hostLog}`;

  beforeAll(async () => {
    // The config and data dir, where gov-kiosk reads the first and alone may enter the second.
    terminal = await testTerminal({ browserShell: { chromiumUser: KIOSK_UI_USER, requireLockdown: false, port: 0 } });
    scratch = terminal.dir;
    await chmod(scratch, 0o755);
    users = await makeKioskUsers(scratch);
    dataDir = terminal.config.dataDir;
    await mkdir(dataDir, { mode: 0o700 });
    await chown(dataDir, users.uid(HOST_USER), users.gid(HOST_USER));

    const number = freeDisplay();
    display = `:${number}`;
    xvfb = spawn('Xvfb', [display, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    await waitFor(() => (existsSync(`/tmp/.X11-unix/X${number}`) ? true : undefined), 10_000, `Xvfb on ${display}`);

    host = users.spawnAs(HOST_USER, [process.execPath, path.join(project, 'main/browser-shell/main.ts'), '--config', terminal.configFile], {
      cwd: project,
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', DISPLAY: display, KIOSK_LOG_LEVEL: 'info' },
    });
    host.stderr?.on('data', (chunk: Buffer) => {
      hostErrors += chunk.toString();
      hostLog += chunk.toString();
    });
    host.stdout?.on('data', (chunk: Buffer) => (hostLog += chunk.toString()));
    hostExit = new Promise((resolve) => host?.once('exit', (code, signal) => resolve({ code, signal })));
    void hostExit.then((exit) => (hostLog += `\n[host exited: ${JSON.stringify(exit)}]`));
    namespace = await waitFor(
      async () => {
        if (host?.exitCode !== null) throw new Error(`the host exited (${host?.exitCode}):\n${hostLog}`);
        const entry = (await listProcesses()).find((process) => process.pid === hostPid());
        // exec'd into node: unshare, then sh, then setpriv, then node, all one pid
        return entry?.cmdline[0] === process.execPath ? entry.mountNamespace : undefined;
      },
      10_000,
      'the host',
    );
  }, 40_000);

  afterAll(async () => {
    if (host !== null && host.exitCode === null && host.signalCode === null) host.kill('SIGKILL');
    // whatever Chromium of the host's namespace is left (the test failed): killed by its pid
    for (const entry of await listProcesses()) {
      if (namespace === undefined || !isChromium(entry) || entry.mountNamespace !== namespace) continue;
      try {
        process.kill(entry.pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
    xvfb?.kill('SIGTERM');
    await terminal?.remove();
    if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
  });

  it('the kiosk page comes up: its window is on the screen', async () => {
    await waitFor(async () => ((await kioskWindows()).length > 0 ? true : undefined), 40_000, `a window named ${WINDOW_NAME}\n${log()}`);
  }, 45_000);

  it('Chromium (the browser, its renderers, every helper) runs as gov-kiosk-ui, the host as gov-kiosk, and the window is that browser’s', async () => {
    const uiUid = users.uid(KIOSK_UI_USER);
    const hostUid = users.uid(HOST_USER);
    const hostEntry = (await listProcesses()).find((entry) => entry.pid === hostPid());
    expect(hostEntry?.uids, log()).toEqual([hostUid, hostUid, hostUid, hostUid]);

    const [sudo] = sudoPids();
    expect(sudo, log()).toBeDefined();
    const { browser, tree } = await waitFor(() => browserUnder(sudo ?? -1), 10_000, `Chromium under sudo ${sudo}\n${log()}`);
    // node → sudo → Chromium
    expect((await listProcesses()).find((entry) => entry.pid === sudo)?.ppid).toBe(hostPid());
    expect(tree.length).toBeGreaterThanOrEqual(3);
    for (const entry of tree) expect({ pid: entry.pid, type: typeOf(entry), uids: entry.uids }).toEqual({ pid: entry.pid, type: typeOf(entry), uids: [uiUid, uiUid, uiUid, uiUid] });
    // and no Chromium of this namespace (the crash handlers too, which leave the tree) runs as anyone else
    for (const entry of await ourChromiums()) expect({ pid: entry.pid, type: typeOf(entry), uid: entry.uids[0] }).toEqual({ pid: entry.pid, type: typeOf(entry), uid: uiUid });
    // the launcher's profile, not one the host chose
    expect(browser.cmdline).toContain('--user-data-dir=/run/gov-service-kiosk-ui/chromium-profile');
    // the window on screen is this browser's (_NET_WM_PID)
    const [window] = await kioskWindows();
    const { stdout } = await run('xdotool', ['getwindowpid', window ?? ''], { env: env() });
    expect(Number(stdout.trim())).toBe(browser.pid);
  });

  it('no Chromium command line carries the launch token: it is in a launch file only gov-kiosk-ui may read', async () => {
    const chromiums = await ourChromiums();
    expect(chromiums.length).toBeGreaterThanOrEqual(3);
    for (const entry of chromiums) expect(entry.command).not.toContain('launch=');
    const browser = chromiums.find((entry) => typeOf(entry) === 'browser');
    const app = browser?.cmdline.find((arg) => arg.startsWith('--app='))?.slice('--app=file://'.length) ?? '';
    expect(app).toMatch(/^\/run\/gov-service-kiosk\/launch\/launch-[0-9a-f]{16}\.html$/);
    // as the namespace sees it
    const launchFile = `/proc/${hostPid()}/root${app}`;
    expect(await readFile(launchFile, 'utf8')).toMatch(/launch=[A-Za-z0-9_-]+/);
    const info = await stat(launchFile);
    expect({ mode: (info.mode & 0o777).toString(8), uid: info.uid, gid: info.gid }).toEqual({ mode: '640', uid: users.uid(HOST_USER), gid: users.gid(KIOSK_UI_USER) });
    expect(await users.runAs(KIOSK_UI_USER, hostPid(), ['cat', app])).toMatchObject({ code: 0, stdout: expect.stringContaining('launch=') });
    const stranger = await users.runAs('nobody', hostPid(), ['cat', app], 'nogroup');
    expect(stranger.code).not.toBe(0);
    expect(stranger.stderr).toContain('Permission denied');
  });

  it('gov-kiosk-ui cannot read the host’s files (the terminal’s key pair, the data key), gov-kiosk can', async () => {
    const identity = terminalIdentityFile(dataDir);
    const key = path.join(dataDir, 'keys', 'outbox.key');
    // the host made them its own, and its data dir is its own (as tmpfiles makes /var/lib/gov-service-kiosk)
    for (const file of [identity, key, dataDir]) {
      const info = await stat(file);
      expect({ file, mode: (info.mode & 0o777).toString(8), uid: info.uid }).toEqual({ file, mode: file === dataDir ? '700' : '600', uid: users.uid(HOST_USER) });
    }
    const asHost = await users.runAs(HOST_USER, hostPid(), ['cat', identity]);
    expect(asHost.code, asHost.stderr).toBe(0);
    // The host keeps the private key sealed with the data key, never in the clear.
    expect(JSON.parse(asHost.stdout)).toMatchObject({ terminalId: terminal.config.terminalId, sealedPrivateKey: expect.any(String) });
    expect(JSON.parse(asHost.stdout)).not.toHaveProperty('privateKey');
    expect((await users.runAs(HOST_USER, hostPid(), ['wc', '-c', key])).stdout).toMatch(/^32 /);
    for (const command of [['cat', identity], ['cat', key], ['ls', dataDir]]) {
      const asUi = await users.runAs(KIOSK_UI_USER, hostPid(), command);
      expect({ command, code: asUi.code === 0 ? 0 : 'failed', stdout: asUi.stdout }).toEqual({ command, code: 'failed', stdout: '' });
      expect(asUi.stderr).toContain('Permission denied');
    }
  });

  it('a killed sudo takes its Chromium down, and the supervisor starts a new one as gov-kiosk-ui', async () => {
    const [sudo] = sudoPids();
    const before = await browserUnder(sudo ?? -1);
    expect(before, log()).toBeDefined();
    // the whole browser, and its crash handlers
    const old = (await ourChromiums()).map((entry) => entry.pid);
    expect(old).toEqual(expect.arrayContaining(before?.tree.map((entry) => entry.pid) ?? [-1]));
    process.kill(sudo ?? -1, 'SIGKILL');
    await waitFor(async () => {
      const alive = new Set((await listProcesses()).map((entry) => entry.pid));
      return old.every((pid) => !alive.has(pid)) ? true : undefined;
    }, 5000, `the old Chromium (${old.join(' ')}) to die with its sudo`);
    const next = await waitFor(() => sudoPids()[1], 10_000, `a second Chromium\n${log()}`);
    const { browser } = await waitFor(() => browserUnder(next), 20_000, `Chromium under the second sudo ${next}\n${log()}`);
    expect(browser.uids[0]).toBe(users.uid(KIOSK_UI_USER));
    await waitFor(async () => {
      for (const window of await kioskWindows()) {
        const pid = await run('xdotool', ['getwindowpid', window], { env: env() }).then(({ stdout }) => Number(stdout.trim()), () => 0);
        if (pid === browser.pid) return true;
      }
      return undefined;
    }, 30_000, `the second browser's kiosk window\n${log()}`);
  }, 60_000);

  it('the host stopped (SIGTERM), no Chromium of gov-kiosk-ui is left behind', async () => {
    expect((await ourChromiums()).length).toBeGreaterThan(0);
    host?.kill('SIGTERM');
    expect(await hostExit).toEqual({ code: 0, signal: null });
    await waitFor(async () => ((await ourChromiums()).length === 0 ? true : undefined), 5000, 'every Chromium of the host to be gone');
    // and none that ever ran here outlived it, wherever it went
    const alive = new Set((await listProcesses()).filter((entry) => entry.uids[0] === users.uid(KIOSK_UI_USER)).map((entry) => entry.pid));
    expect([...seen].filter((pid) => alive.has(pid))).toEqual([]);
  }, 20_000);
});
