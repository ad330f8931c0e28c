import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.ts';

/**
 * Debian's mosquitto (scripts/setup-system.sh installs it), started by a test on 127.0.0.1 as an operator's broker:
 * anonymous, one listener (and a TLS one if asked), no persistence. `stop()` takes it down (as a broker outage would) and `start()` brings it
 * back on the same port.
 */
export interface Mosquitto {
  readonly port: number;
  readonly url: string;
  /** With `tls`: the mqtts:// URL of its second listener (on 127.0.0.1), else null. */
  readonly tlsUrl: string | null;
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

/**
 * A second listener over TLS with the broker's certificate and key, and the CA its clients' certificates must chain
 * to: a client must present one (`require_certificate`), and its certificate's CN is its user name.
 */
export interface MosquittoTls {
  readonly certFile: string;
  readonly keyFile: string;
  readonly clientCaFile: string;
}

export const startMosquitto = async (options: { port?: number; tls?: MosquittoTls } = {}): Promise<Mosquitto> => {
  const chosen = options.port ?? (await freePort());
  const tlsPort = options.tls === undefined ? null : await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'mosquitto-'));
  const conf = path.join(dir, 'mosquitto.conf');
  // Started as root, mosquitto drops to its own user before it reads the TLS files: they are copied where it may read
  // them (throwaway test keys, readable by all).
  const readable = (file: string, name: string) => {
    const copy = path.join(dir, name);
    copyFileSync(file, copy);
    chmodSync(copy, 0o644);
    return copy;
  };
  if (options.tls !== undefined) chmodSync(dir, 0o755);
  const tlsListener =
    options.tls === undefined
      ? []
      : [`listener ${tlsPort} 127.0.0.1`, `certfile ${readable(options.tls.certFile, 'broker.pem')}`, `keyfile ${readable(options.tls.keyFile, 'broker.key')}`,
          `cafile ${readable(options.tls.clientCaFile, 'client-ca.pem')}`, 'require_certificate true', 'use_identity_as_username true'];
  writeFileSync(conf, ['allow_anonymous true', 'persistence false', 'log_dest stdout', 'log_type all', `listener ${chosen} 127.0.0.1`, ...tlsListener, ''].join('\n'));
  let child: ChildProcess | null = null;
  let output = '';
  const broker: Mosquitto = {
    port: chosen,
    url: `mqtt://127.0.0.1:${chosen}`,
    tlsUrl: tlsPort === null ? null : `mqtts://127.0.0.1:${tlsPort}`,
    log: () => output,
    async start() {
      if (child !== null) return;
      // Line-buffered: mosquitto's stdout into a pipe is block-buffered, and a test reading the log would wait for
      // a line still sitting in the broker's buffer. stdbuf execs mosquitto, so the pid is the broker's.
      const started = spawn('stdbuf', ['-oL', MOSQUITTO, '-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
      started.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      started.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child = started;
      const exited = new Promise<never>((_resolve, reject) =>
        started.once('exit', (code, signal) => reject(new Error(`mosquitto exited (${signal ?? code}) before listening:\n${output}`))),
      );
      exited.catch(() => undefined);
      await Promise.race([exited, (async () => {
        await listening(chosen, 10_000);
        if (tlsPort !== null) await listening(tlsPort, 10_000);
      })()]);
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
