import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { buildPaths } from '../main/host/build-paths.ts';
import { stopChild } from './stop-child.ts';

/**
 * The demo's reference platform, in a process of its own (never the host's): whatever a request does to it, the
 * kiosk stays up and shows itself offline; when it exits it is started again, a second later, for as long as the
 * demo runs.
 */
export interface DemoPlatform {
  /** Where it answers once started. */
  readonly url: string;
  /** The PID of the platform process running now. */
  readonly pid: () => number | undefined;
  stop(): Promise<void>;
}

const RESTART_MS = 1000;
const READY = /reference platform: (\S+)\n/;

export interface DemoPlatformOptions {
  port: number;
  dataDir: string;
  say: (line: string) => void;
  /** Issued at every (re)start while unused (a spent code stays spent): the demo terminal's published code. */
  enrolmentCode?: { terminalId: string; code: string };
}

export const startDemoPlatform = async ({ port, dataDir, say, enrolmentCode }: DemoPlatformOptions): Promise<DemoPlatform> => {
  const issue = enrolmentCode === undefined ? [] : ['--issue-enrolment-code', `${enrolmentCode.terminalId}=${enrolmentCode.code}`];
  let child: ChildProcess | null = null;
  let stopping = false;
  let restart: NodeJS.Timeout | null = null;

  const launch = () =>
    new Promise<string>((resolve, reject) => {
      const started = spawn(
        process.execPath,
        [path.join(buildPaths.projectRoot, 'reference-platform', 'main.ts'), '--port', String(port), '--data-dir', dataDir, '--fault-control', ...issue],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      child = started;
      let output = '';
      let ready = false;
      started.stdout?.on('data', (chunk: Buffer) => {
        if (ready) return;
        output += chunk.toString();
        const url = READY.exec(output)?.[1];
        if (url !== undefined) {
          ready = true;
          resolve(url);
        }
      });
      started.once('error', reject);
      started.once('exit', (code, signal) => {
        if (child === started) child = null;
        if (!ready) reject(new Error(`the reference platform exited before it was ready (${signal ?? `code ${code}`})`));
        else if (!stopping) {
          say(`reference platform exited (${signal ?? `code ${code}`}); starting it again`);
          restart = setTimeout(() => void launch().catch((error: unknown) => say(`reference platform not restarted: ${(error as Error).message}`)), RESTART_MS);
        }
      });
    });

  const url = await launch();
  return {
    url,
    pid: () => (child as ChildProcess | null)?.pid,
    stop: async () => {
      stopping = true;
      if (restart !== null) clearTimeout(restart);
      await stopChild(child as ChildProcess | null);
    },
  };
};
