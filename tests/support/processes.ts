import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');

export interface RunningProcess {
  readonly pid: number;
  /** Everything it printed on stdout so far. */
  readonly output: () => string;
  /** Everything it printed on stderr so far (the host's structured log, one JSON object per line). */
  readonly errors: () => string;
  /** Stops it by PID (SIGTERM, then SIGKILL) and waits until it is gone. */
  stop(): Promise<void>;
  /** Resolves when it has exited: its exit code, or the signal that ended it. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts a project entry point on the project's Node and waits for a stdout line matching `ready`. */
export const startNodeProcess = async (
  entry: string,
  args: readonly string[],
  ready: RegExp,
  timeoutMs = 15_000,
  env: NodeJS.ProcessEnv = { KIOSK_LOG_LEVEL: 'warn' },
  nodeArgs: readonly string[] = [],
): Promise<{ process: RunningProcess; match: RegExpMatchArray }> => {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, path.join(root, entry), ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} not ready in ${timeoutMs} ms:\n${stdout}\n${stderr}`)), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const found = stdout.match(ready);
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code}:\n${stdout}\n${stderr}`));
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${entry} has no pid`);
  return {
    match,
    process: {
      pid,
      output: () => stdout,
      errors: () => stderr,
      exited,
      stop: async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      },
    },
  };
};

/**
 * The kiosk from its production entry (`npm run kiosk:browser -- --headless`) with a test terminal's config: resolves
 * with its launch URL. `env` replaces the default (warnings only in the log); `nodeArgs` go to Node (e.g. `--inspect`).
 */
export const startKiosk = async (configFile: string, { env, nodeArgs = [] }: { env?: NodeJS.ProcessEnv; nodeArgs?: readonly string[] } = {}) => {
  const { process, match } = await startNodeProcess(
    'main/browser-shell/main.ts',
    ['--headless', '--config', configFile],
    /kiosk url: (\S+)\n/,
    15_000,
    env,
    nodeArgs,
  );
  return { kiosk: process, url: match[1] ?? '' };
};

/** The reference platform as its own process on a free port. */
export const startPlatform = async (port = 0, args: readonly string[] = []) => {
  const { process, match } = await startNodeProcess('reference-platform/main.ts', ['--port', String(port), ...args], /reference platform: (\S+)\n/);
  return { platform: process, url: match[1] ?? '' };
};

/** The fleet (broker and page, reference-platform/fleet/main.ts) as its own process on free ports. */
export const startFleet = async (args: readonly string[] = ['--mqtt-port', '0', '--page-port', '0']) => {
  const { process, match } = await startNodeProcess('reference-platform/fleet/main.ts', args, /fleet broker: (\S+)\nfleet page: (\S+)\n/, 15_000, { FLEET_LOG_LEVEL: 'warn' });
  return { fleet: process, brokerUrl: match[1] ?? '', pageUrl: match[2] ?? '' };
};
