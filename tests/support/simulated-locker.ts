import { LockerBus, type LockerBusOptions } from '../../drivers/locker/locker-bus.ts';
import { LOCKER_PROTOCOLS } from '../../drivers/locker/board-protocols.ts';
import { LockerBusSimulator, type LockerBusSimulatorOptions } from '../../drivers/simulators/locker-bus-simulator.ts';
import { SerialTransport } from '../../drivers/transport/serial-transport.ts';
import { startDeviceOnPty, type DeviceOnPty } from './device-on-pty.ts';

/** Simulated lock-control boards on one end of a real pty pair; `pty.devicePath` is where a bus driver opens it. */
export type SimulatedLockers = DeviceOnPty<LockerBusSimulator>;

export const startSimulatedLockers = (options: LockerBusSimulatorOptions): Promise<SimulatedLockers> =>
  startDeviceOnPty('ttyRS485', (simulatorPath) => LockerBusSimulator.start({ ...options, path: simulatorPath }));

/** Timings short enough for tests, long enough for a loaded 2-core machine. */
export const TEST_BUS_TIMING = { replyTimeoutMs: 300, quietMs: 5, confirmWindowMs: 800, confirmPollMs: 40 } as const;

/** A bus driver and simulated boards on the two ends of a real pty pair; stop() ends all of it. */
export interface LockerBusOnPty extends SimulatedLockers {
  bus: LockerBus;
}

export const startLockerBusOnPty = async (
  simulated: LockerBusSimulatorOptions,
  options: Partial<Omit<LockerBusOptions, 'transport' | 'protocol'>> = {},
): Promise<LockerBusOnPty> => {
  const lockers = await startSimulatedLockers(simulated);
  const bus = new LockerBus({
    transport: new SerialTransport({ path: lockers.pty.devicePath, baudRate: LOCKER_PROTOCOLS[simulated.protocol].defaultBaudRate, retryMs: 50, maxRetryMs: 200 }),
    protocol: simulated.protocol,
    boards: simulated.boards.map(({ address, doors }) => ({ address, doors })),
    ...options,
    timing: { ...TEST_BUS_TIMING, ...options.timing },
  });
  await bus.start();
  return {
    ...lockers,
    bus,
    stop: async () => {
      await bus.stop();
      await lockers.stop();
    },
  };
};
