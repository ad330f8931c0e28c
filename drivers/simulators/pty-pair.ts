import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Two connected pseudo-terminals made by socat, reachable at stable link paths: the driver opens one like a
 * real serial port, a simulator opens the other. Stopping and starting again with the same links is how
 * tests and trainers unplug and replug a device.
 */
export interface PtyPair {
  /** The end the kiosk's driver opens (as it would /dev/ttyUSB0). */
  readonly devicePath: string;
  /** The end the simulator opens. */
  readonly simulatorPath: string;
  readonly pid: number | undefined;
  /** Unplug: both ends vanish. */
  stop(): Promise<void>;
  /** Plug back in at the same paths. */
  start(): Promise<void>;
}

const READY_TIMEOUT_MS = 5000;

/** socat, which makes the pair, is not on this machine: the whole cause, and what to do about it. */
export class SocatMissing extends Error {
  constructor() {
    super('socat is not installed (apt install socat)');
    this.name = 'SocatMissing';
  }
}

export const createPtyPair = async (devicePath: string, simulatorPath = `${devicePath}.sim`): Promise<PtyPair> => {
  let child: ChildProcess | null = null;

  const start = async () => {
    if (child !== null) return;
    await mkdir(path.dirname(devicePath), { recursive: true });
    await mkdir(path.dirname(simulatorPath), { recursive: true });
    await rm(devicePath, { force: true });
    await rm(simulatorPath, { force: true });
    const spawned = spawn('socat', [`pty,raw,echo=0,link=${devicePath}`, `pty,raw,echo=0,link=${simulatorPath}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child = spawned;
    let stderr = '';
    spawned.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<never>((_resolve, reject) => {
      spawned.once('exit', (code) => reject(new Error(`socat exited (${code}): ${stderr.trim()}`)));
      // Without a listener, a socat that cannot be started would be an uncaught 'error' event.
      spawned.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? new SocatMissing() : error));
    });
    exited.catch(() => undefined);
    const ready = (async () => {
      const until = Date.now() + READY_TIMEOUT_MS;
      while (!(existsSync(devicePath) && existsSync(simulatorPath))) {
        if (Date.now() > until) throw new Error(`socat did not create ${devicePath} in time`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    try {
      await Promise.race([ready, exited]);
    } catch (error) {
      spawned.kill('SIGKILL');
      child = null;
      throw error;
    }
  };

  const stop = async () => {
    const running = child;
    child = null;
    if (running === null || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGTERM');
    const timer = setTimeout(() => running.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(timer);
  };

  await start();
  return {
    devicePath,
    simulatorPath,
    get pid() {
      return child?.pid;
    },
    start,
    stop,
  };
};
