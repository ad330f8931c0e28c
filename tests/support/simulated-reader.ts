import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { IdCardReader, type IdCardReaderOptions } from '../../drivers/idcard/id-card-reader.ts';
import { IdCardSamSimulator, type SamSimulatorTiming } from '../../drivers/simulators/idcard-sam-simulator.ts';
import { createPtyPair, type PtyPair } from '../../drivers/simulators/pty-pair.ts';
import { SerialTransport } from '../../drivers/transport/serial-transport.ts';

/** A reader driver and a simulated SAM on the two ends of a real pty pair; stop() ends all three. */
export interface SimulatedReader {
  pty: PtyPair;
  simulator: IdCardSamSimulator;
  reader: IdCardReader;
  stop(): Promise<void>;
}

export const startSimulatedReader = async (
  options: Partial<Omit<IdCardReaderOptions, 'transport'>> = {},
  timing: Partial<SamSimulatorTiming> = {},
): Promise<SimulatedReader> => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kiosk-idcard-'));
  const pty = await createPtyPair(path.join(dir, 'reader'));
  const simulator = await IdCardSamSimulator.start({ path: pty.simulatorPath, timing });
  const reader = new IdCardReader({
    transport: new SerialTransport({ path: pty.devicePath, baudRate: 115200, retryMs: 50, maxRetryMs: 200, presenceCheckMs: 100 }),
    pollIntervalMs: 50,
    ...options,
  });
  await reader.start();
  return {
    pty,
    simulator,
    reader,
    stop: async () => {
      await reader.stop();
      await simulator.stop();
      await pty.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
};
