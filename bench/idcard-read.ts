import { SAMPLE_CARDS } from '../drivers/simulators/sample-cards.ts';
import type { SamSimulatorTiming } from '../drivers/simulators/idcard-sam-simulator.ts';
import { startSimulatedReader } from '../tests/support/simulated-reader.ts';

export interface IdCardReadRun {
  /** readCard() called with the card on the reader → card decoded. */
  readMs: number;
  /** The simulator's own time for the same exchanges: command received → answer written. */
  simulatorMs: number;
}

/**
 * One ID card read over a real pty, against the simulator's own response time for the same read: the
 * ratio is what the driver, the pty and the deframing add. The simulator answers after the delays below
 * (find and select ~10 ms; read ~120 ms, about the wire time of the 1295-byte reply at 115200 bit/s, which a
 * pty does not impose by itself).
 */
export const SIMULATED_TIMING: SamSimulatorTiming = { findMs: 10, selectMs: 10, readMs: 120 };

export const measureIdCardRead = async (runs: number): Promise<IdCardReadRun[]> => {
  const setup = await startSimulatedReader({ pollIntervalMs: 50 }, SIMULATED_TIMING);
  const results: IdCardReadRun[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      setup.simulator.remove();
      await new Promise((resolve) => setTimeout(resolve, 150)); // the driver sees the reader empty
      setup.simulator.place(SAMPLE_CARDS.resident);
      const from = setup.simulator.exchanges.length;
      const started = performance.now();
      await setup.reader.readCard({ timeoutMs: 5000 });
      const readMs = performance.now() - started;
      const simulatorMs = setup.simulator.exchanges
        .slice(from)
        .filter((exchange) => exchange.receivedAt >= started)
        .reduce((sum, exchange) => sum + (exchange.answeredAt - exchange.receivedAt), 0);
      results.push({ readMs, simulatorMs });
    }
  } finally {
    await setup.stop();
  }
  return results;
};
