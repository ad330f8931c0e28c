import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { IdCardReader, type IdCardReaderOptions } from '../../drivers/idcard/id-card-reader.ts';
import { IdCardSamSimulator, type SamSimulatorTiming } from '../../drivers/simulators/idcard-sam-simulator.ts';
import { createPtyPair, type PtyPair } from '../../drivers/simulators/pty-pair.ts';
import { SerialTransport } from '../../drivers/transport/serial-transport.ts';

/** A simulated SAM on one end of a real pty pair; `pty.devicePath` is where a reader (or a kiosk) opens it. */
export interface SimulatedSam {
  pty: PtyPair;
  simulator: IdCardSamSimulator;
  stop(): Promise<void>;
}

export const startSimulatedSam = async (timing: Partial<SamSimulatorTiming> = {}): Promise<SimulatedSam> => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kiosk-idcard-'));
  const pty = await createPtyPair(path.join(dir, 'ttyUSB0'));
  const simulator = await IdCardSamSimulator.start({ path: pty.simulatorPath, timing });
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

/** A reader driver and a simulated SAM on the two ends of a real pty pair; stop() ends all three. */
export interface SimulatedReader extends SimulatedSam {
  reader: IdCardReader;
}

export const startSimulatedReader = async (
  options: Partial<Omit<IdCardReaderOptions, 'transport'>> = {},
  timing: Partial<SamSimulatorTiming> = {},
): Promise<SimulatedReader> => {
  const sam = await startSimulatedSam(timing);
  const reader = new IdCardReader({
    transport: new SerialTransport({ path: sam.pty.devicePath, baudRate: 115200, retryMs: 50, maxRetryMs: 200, presenceCheckMs: 100 }),
    pollIntervalMs: 50,
    ...options,
  });
  await reader.start();
  return {
    ...sam,
    reader,
    stop: async () => {
      await reader.stop();
      await sam.stop();
    },
  };
};
