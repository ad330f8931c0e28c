import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReadProgress, ReaderState } from '../../drivers/idcard/id-card-reader.ts';
import { IdCardReadError, type IdCardReadErrorCode } from '../../drivers/idcard/reader-errors.ts';
import { SAMPLE_CARDS } from '../../drivers/simulators/sample-cards.ts';
import { startSimulatedReader, type SimulatedReader } from '../support/simulated-reader.ts';

/** The reader driver against the simulated SAM over real pseudo-terminals (socat). */
let setup: SimulatedReader;
beforeEach(async () => {
  setup = await startSimulatedReader();
});
afterEach(async () => {
  await setup.stop();
});

/** Lifts the card for a few polls, as a person does, then puts one down. */
const liftAndPlace = async (card: Parameters<SimulatedReader['simulator']['place']>[0]) => {
  setup.simulator.remove();
  await new Promise((resolve) => setTimeout(resolve, 150));
  setup.simulator.place(card);
};

const failureOf = async (promise: Promise<unknown>): Promise<IdCardReadErrorCode | 'resolved' | 'untyped'> => {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error instanceof IdCardReadError ? error.code : 'untyped';
  }
};

describe('ID card reader over a pty', () => {
  it('is ready once the SAM answers its status', () => {
    expect(setup.reader.state).toBe('ready');
  });

  it.each(Object.entries(SAMPLE_CARDS))('reads a placed %s card', async (_name, card) => {
    setup.simulator.place(card);
    expect(await setup.reader.readCard({ timeoutMs: 2000 })).toEqual(card);
  });

  it('waits for a card placed later, reporting progress', async () => {
    const progress: ReadProgress[] = [];
    const read = setup.reader.readCard({ timeoutMs: 3000, onProgress: (p) => progress.push(p) });
    await new Promise((resolve) => setTimeout(resolve, 300));
    setup.simulator.place(SAMPLE_CARDS.resident);
    expect((await read).idNumber).toBe('110101199001011237');
    expect(progress).toEqual(['waiting', 'reading']);
  });

  it('does not read the same card twice, even when swapped faster than a poll; a card lifted and placed again is read again', async () => {
    setup.simulator.place(SAMPLE_CARDS.resident);
    await setup.reader.readCard({ timeoutMs: 2000 });
    expect(await failureOf(setup.reader.readCard({ timeoutMs: 400 }))).toBe('card-left');
    await liftAndPlace(SAMPLE_CARDS.residentLongTerm);
    expect((await setup.reader.readCard({ timeoutMs: 2000 })).name).toBe('李长期');
    // Swapped before the driver could see the reader empty: counted as the card that was there.
    setup.simulator.remove();
    setup.simulator.place(SAMPLE_CARDS.resident);
    expect(await failureOf(setup.reader.readCard({ timeoutMs: 300 }))).toBe('no-card');
    await liftAndPlace(SAMPLE_CARDS.resident);
    expect((await setup.reader.readCard({ timeoutMs: 2000 })).name).toBe('王测试');
  });

  // Walk finding: a card left on the reader was not read again and the screen said "no card" instead of "lift it
  // and place it again". Find answers "no card" for it (§5.1); select still finds it in the field.
  it('tells a card left on the reader after its read from an empty reader, and reads it once placed again', async () => {
    setup.simulator.place(SAMPLE_CARDS.resident);
    await setup.reader.readCard({ timeoutMs: 2000 });
    const progress: ReadProgress[] = [];
    const read = setup.reader.readCard({ timeoutMs: 5000, onProgress: (p) => progress.push(p) });
    await expect.poll(() => progress).toEqual(['waiting', 'card-left']);
    setup.simulator.remove();
    await expect.poll(() => progress).toEqual(['waiting', 'card-left', 'waiting']);
    setup.simulator.place(SAMPLE_CARDS.resident);
    expect((await read).name).toBe('王测试');
    expect(progress).toEqual(['waiting', 'card-left', 'waiting', 'reading']);
    // Lifted for good: the next wait is a plain one, and its timeout says "no card", not "card left".
    setup.simulator.remove();
    const next: ReadProgress[] = [];
    expect(await failureOf(setup.reader.readCard({ timeoutMs: 1200, onProgress: (p) => next.push(p) }))).toBe('no-card');
    expect(next).toEqual(['waiting']);
  });

  it('notices a card lifted while nobody was reading, and reads the next one', async () => {
    setup.simulator.place(SAMPLE_CARDS.resident);
    await setup.reader.readCard({ timeoutMs: 2000 });
    await liftAndPlace(SAMPLE_CARDS.hkMoTw);
    expect((await setup.reader.readCard({ timeoutMs: 2000 })).cardType).toBe('hk-mo-tw-residence');
  });

  it('says "no card" when nothing is placed before the timeout', async () => {
    const started = performance.now();
    expect(await failureOf(setup.reader.readCard({ timeoutMs: 300 }))).toBe('no-card');
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('tells a card that is not an ID card apart', async () => {
    setup.simulator.place('not-an-id-card');
    expect(await failureOf(setup.reader.readCard({ timeoutMs: 2000 }))).toBe('not-an-id-card');
  });

  it('retries the whole read once after a read failure, and after an authentication failure', async () => {
    setup.simulator.place(SAMPLE_CARDS.hkMoTw);
    setup.simulator.setFaults({ readFailures: 1 });
    expect((await setup.reader.readCard({ timeoutMs: 2000 })).cardType).toBe('hk-mo-tw-residence');
    await liftAndPlace(SAMPLE_CARDS.resident);
    setup.simulator.setFaults({ authFailures: 1 });
    expect((await setup.reader.readCard({ timeoutMs: 2000 })).cardType).toBe('resident');
  });

  it('gives up with read-failed when the retry fails too', async () => {
    setup.simulator.place(SAMPLE_CARDS.resident);
    setup.simulator.setFaults({ readFailures: 2 });
    expect(await failureOf(setup.reader.readCard({ timeoutMs: 2000 }))).toBe('read-failed');
  });

  it('reads through vendor noise and replies in small chunks', async () => {
    setup.simulator.place(SAMPLE_CARDS.foreignPermanent);
    setup.simulator.setFaults({ noise: true, chunkSize: 61, chunkGapMs: 1 });
    expect((await setup.reader.readCard({ timeoutMs: 3000 })).cardType).toBe('foreign-permanent');
  });

  it('asks again after a corrupted checksum, and gives up after repeated ones', async () => {
    setup.simulator.place(SAMPLE_CARDS.resident);
    setup.simulator.setFaults({ corruptChecksums: 1 });
    expect((await setup.reader.readCard({ timeoutMs: 2000 })).name).toBe('王测试');
    await liftAndPlace(SAMPLE_CARDS.resident);
    setup.simulator.setFaults({ corruptChecksums: 10 });
    expect(await failureOf(setup.reader.readCard({ timeoutMs: 2000 }))).toBe('frame-errors');
  });

  it('reports a SAM that stopped answering', async () => {
    const states: ReaderState[] = [];
    setup.reader.on('state', (state) => states.push(state));
    setup.simulator.setFaults({ silent: true });
    expect(await failureOf(setup.reader.readCard({ timeoutMs: 2000 }))).toBe('reader-not-responding');
    expect(states).toEqual(['not-responding']);
    setup.simulator.clearFaults();
    expect(await setup.reader.checkHealth()).toBe('ready');
  });

  it('reads with 30 10 (fingerprint) when configured', async () => {
    await setup.stop();
    setup = await startSimulatedReader({ readCommand: 'text-fingerprint' });
    setup.simulator.place({ ...SAMPLE_CARDS.resident, fingerprint: new Uint8Array(1024).fill(9) });
    expect((await setup.reader.readCard({ timeoutMs: 2000 })).fingerprint?.length).toBe(1024);
  });

  it('keeps going when the port vanishes mid-read and comes back', async () => {
    const states: ReaderState[] = [];
    const progress: ReadProgress[] = [];
    setup.reader.on('state', (state) => states.push(state));
    setup.simulator.place(SAMPLE_CARDS.resident);
    // A slow reply (1295 bytes in 20-byte chunks, 5 ms apart: about 325 ms) so the unplug lands mid-read.
    setup.simulator.setFaults({ chunkSize: 20, chunkGapMs: 5 });
    const read = setup.reader.readCard({ timeoutMs: 8000, onProgress: (p) => progress.push(p) });
    await new Promise<void>((resolve) => setup.simulator.once('exchange', () => resolve())); // find answered
    await new Promise((resolve) => setTimeout(resolve, 60));
    await setup.pty.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    setup.simulator.clearFaults();
    await setup.pty.start();
    expect((await read).name).toBe('王测试');
    expect(states).toContain('disconnected');
    expect(states.at(-1)).toBe('ready');
    expect(progress).toContain('reader-offline');
  });

  it('fails with reader-disconnected when the port does not come back in time', async () => {
    await setup.pty.stop();
    expect(await failureOf(setup.reader.readCard({ timeoutMs: 500 }))).toBe('reader-disconnected');
    await setup.pty.start();
  });

  it('can be cancelled', async () => {
    const controller = new AbortController();
    const read = setup.reader.readCard({ timeoutMs: 5000, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    expect(await failureOf(read)).toBe('cancelled');
  });
});
