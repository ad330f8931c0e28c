import { afterEach, describe, expect, it } from 'vitest';
import { LockerBus } from '../../../drivers/locker/locker-bus.ts';
import { LockerBusSimulator } from '../../../drivers/simulators/locker-bus-simulator.ts';
import { ManualClock } from '../../support/manual-clock.ts';
import { createMemoryLine } from '../../support/memory-line.ts';

/**
 * The bus on an injected clock, against simulated boards on an in-memory line: the default timings (a door left
 * open for two minutes, one-second reply timeouts) tested without waiting for them.
 */
let stop: (() => Promise<void>) | null = null;
afterEach(async () => {
  await stop?.();
  stop = null;
});

const setup = async (pollIntervalMs = 1000) => {
  const clock = new ManualClock();
  const line = createMemoryLine();
  const simulator = await LockerBusSimulator.attach(line.device, { protocol: 'kerong-cu16', boards: [{ address: 0, doors: 16, sensorDelayMs: 0 }], clock });
  const bus = new LockerBus({ transport: line.host, protocol: 'kerong-cu16', boards: [{ address: 0 }], clock, timing: { pollIntervalMs } });
  await bus.start();
  stop = async () => {
    await bus.stop();
    await simulator.stop();
  };
  /** Moves the clock on in 10 ms steps, letting the line deliver between steps. */
  const run = async (ms: number) => {
    for (let elapsed = 0; elapsed < ms; elapsed += 10) {
      clock.advance(10);
      for (let i = 0; i < 4; i++) await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { clock, simulator, bus, run };
};

describe('locker bus on an injected clock', () => {
  it('raises door-left-open after the default two minutes, once per opening', async () => {
    const { simulator, bus, run } = await setup();
    const leftOpen: number[] = [];
    bus.on('door-left-open', ({ door, openForMs }) => {
      leftOpen.push(door);
      expect(openForMs).toBeGreaterThanOrEqual(120_000);
    });
    await run(1500);
    simulator.board(0).openByHand(7);
    await run(118_000);
    expect(leftOpen).toEqual([]);
    await run(3000);
    expect(leftOpen).toEqual([7]);
    await run(10_000);
    expect(leftOpen).toEqual([7]);
    simulator.board(0).close(7);
    await run(2000);
    simulator.board(0).openByHand(7);
    await run(122_000);
    expect(leftOpen).toEqual([7, 7]);
  });

  it('gives a silent board its full reply timeout, twice, before saying no-response', async () => {
    const { bus, run } = await setup(0);
    let result: unknown = null;
    void bus.status(5).then((status) => (result = status));
    await run(1900);
    expect(result).toBeNull();
    await run(200);
    expect(result).toEqual({ board: 5, answered: false, problem: 'no-response' });
  });
});
