import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.ts';

/**
 * Debian's mosquitto (scripts/setup-system.sh installs it), started by a test on 127.0.0.1 as an operator's broker:
 * anonymous, one listener, no persistence. `stop()` takes it down (as a broker outage would) and `start()` brings it
 * back on the same port.
 */
export interface Mosquitto {
  readonly port: number;
  readonly url: string;
  /** Everything the broker logged (its -v log). */
  log(): string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Stops it for good and removes its files. */
  remove(): Promise<void>;
}

const MOSQUITTO = '/usr/sbin/mosquitto';

const listening = async (port: number, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (up) return;
    if (Date.now() > deadline) throw new Error(`mosquitto did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

export const startMosquitto = async (port?: number): Promise<Mosquitto> => {
  const chosen = port ?? (await freePort());
  const dir = mkdtempSync(path.join(tmpdir(), 'mosquitto-'));
  const conf = path.join(dir, 'mosquitto.conf');
  writeFileSync(conf, [`listener ${chosen} 127.0.0.1`, 'allow_anonymous true', 'persistence false', 'log_dest stdout', 'log_type all', ''].join('\n'));
  let child: ChildProcess | null = null;
  let output = '';
  const broker: Mosquitto = {
    port: chosen,
    url: `mqtt://127.0.0.1:${chosen}`,
    log: () => output,
    async start() {
      if (child !== null) return;
      // Line-buffered: mosquitto's stdout into a pipe is block-buffered, and a test reading the log would wait for
      // a line still sitting in the broker's buffer. stdbuf execs mosquitto, so the pid is the broker's.
      const started = spawn('stdbuf', ['-oL', MOSQUITTO, '-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
      started.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      started.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child = started;
      await listening(chosen, 10_000);
    },
    async stop() {
      const running = child;
      if (running === null) return;
      child = null;
      if (running.exitCode !== null || running.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        running.once('exit', () => resolve());
        running.kill('SIGKILL');
      });
    },
    async remove() {
      await broker.stop();
      rmSync(dir, { force: true, recursive: true });
    },
  };
  await broker.start();
  return broker;
};
