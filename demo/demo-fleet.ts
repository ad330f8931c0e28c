import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { buildPaths } from '../main/host/build-paths.ts';
import { stopChild } from './stop-child.ts';

/**
 * The demo's fleet (reference-platform/fleet: the MQTT broker the terminal reports to and the operator's page), in a
 * process of its own like the demo platform: whatever a device sends it, the kiosk stays up. When it exits it is
 * started again, a second later, for as long as the demo runs. A port already taken is said in one line (the fleet's
 * own), not worked around: the config names the broker's port, and the terminal would report to whatever holds it.
 */
export interface DemoFleet {
  readonly brokerUrl: string;
  readonly pageUrl: string;
  readonly pid: () => number | undefined;
  stop(): Promise<void>;
}

export interface DemoFleetOptions {
  mqttPort: number;
  pagePort: number;
  say: (line: string) => void;
}

/** The demo's fleet page, beside the reference platform's 8700. */
export const DEMO_FLEET_PAGE_PORT = 8090;

const RESTART_MS = 1000;
const READY = /fleet broker: (\S+)\nfleet page: (\S+)\n/;

export const startDemoFleet = async ({ mqttPort, pagePort, say }: DemoFleetOptions): Promise<DemoFleet> => {
  let child: ChildProcess | null = null;
  let stopping = false;
  let restart: NodeJS.Timeout | null = null;

  const launch = () =>
    new Promise<{ brokerUrl: string; pageUrl: string }>((resolve, reject) => {
      const started = spawn(
        process.execPath,
        [path.join(buildPaths.projectRoot, 'reference-platform', 'fleet', 'main.ts'), '--mqtt-port', String(mqttPort), '--page-port', String(pagePort)],
        // Its log goes where the host's does (stderr); what it says before it is ready is kept for the reason it failed.
        { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FLEET_LOG_LEVEL: process.env['FLEET_LOG_LEVEL'] ?? 'warn' } },
      );
      child = started;
      let output = '';
      let errors = '';
      let ready = false;
      started.stderr?.on('data', (chunk: Buffer) => {
        process.stderr.write(chunk);
        if (!ready) errors += chunk.toString();
      });
      started.stdout?.on('data', (chunk: Buffer) => {
        if (ready) return;
        output += chunk.toString();
        const found = READY.exec(output);
        if (found !== null) {
          ready = true;
          resolve({ brokerUrl: found[1] ?? '', pageUrl: found[2] ?? '' });
        }
      });
      started.once('error', reject);
      started.once('exit', (code, signal) => {
        if (child === started) child = null;
        const reason = errors.trim().split('\n').at(-1) ?? '';
        if (!ready) reject(new Error(reason !== '' ? reason : `the fleet exited before it was ready (${signal ?? `code ${code}`})`));
        else if (!stopping) {
          say(`fleet exited (${signal ?? `code ${code}`}); starting it again`);
          restart = setTimeout(() => void launch().catch((error: unknown) => say(`fleet not restarted: ${(error as Error).message}`)), RESTART_MS);
        }
      });
    });

  // However the demo ends (an error on the way up included), the fleet does not outlive it holding the demo's ports.
  process.once('exit', () => (child as ChildProcess | null)?.kill('SIGTERM'));
  const urls = await launch();
  return {
    ...urls,
    pid: () => (child as ChildProcess | null)?.pid,
    stop: async () => {
      stopping = true;
      if (restart !== null) clearTimeout(restart);
      await stopChild(child as ChildProcess | null);
    },
  };
};
