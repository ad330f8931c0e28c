import { IdCardReader, type IdCardReaderOptions } from '../../drivers/idcard/id-card-reader.ts';
import { IdCardSamSimulator, type SamSimulatorTiming } from '../../drivers/simulators/idcard-sam-simulator.ts';
import { SerialTransport } from '../../drivers/transport/serial-transport.ts';
import { startDeviceOnPty, type DeviceOnPty } from './device-on-pty.ts';

/** A simulated SAM on one end of a real pty pair; `pty.devicePath` is where a reader (or a kiosk) opens it. */
export type SimulatedSam = DeviceOnPty<IdCardSamSimulator>;

export const startSimulatedSam = (timing: Partial<SamSimulatorTiming> = {}): Promise<SimulatedSam> =>
  startDeviceOnPty('ttyUSB0', (simulatorPath) => IdCardSamSimulator.start({ path: simulatorPath, timing }));

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
