import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createPtyPair, type PtyPair } from '../../drivers/simulators/pty-pair.ts';

/** A simulated device on one end of a real pty pair in its own temporary directory; stop() ends both. */
export interface DeviceOnPty<S> {
  pty: PtyPair;
  simulator: S;
  stop(): Promise<void>;
}

export const startDeviceOnPty = async <S extends { stop(): Promise<void> }>(
  name: string,
  start: (simulatorPath: string) => Promise<S>,
): Promise<DeviceOnPty<S>> => {
  const dir = await mkdtemp(path.join(os.tmpdir(), `kiosk-${name}-`));
  const pty = await createPtyPair(path.join(dir, name));
  const simulator = await start(pty.simulatorPath);
  return {
    pty,
    simulator,
    stop: async () => {
      await simulator.stop();
      await pty.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
};
