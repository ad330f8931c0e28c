import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { IdentifyState } from '../../../main/api/index.ts';
import { CitizenSession, NoActiveSession } from '../../../main/session/citizen-session.ts';
import { IdentifyStep, type CardReader } from '../../../main/session/identify-step.ts';
import { maskIdNumber } from '../../../main/session/mask-id-number.ts';
import type { IdCard } from '../../../drivers/idcard/id-card.ts';
import type { ReadCardOptions, ReaderState } from '../../../drivers/idcard/id-card-reader.ts';
import { IdCardReadError, type IdCardReadErrorCode } from '../../../drivers/idcard/reader-errors.ts';
import { SAMPLE_CARDS } from '../../../drivers/simulators/sample-cards.ts';
import { ManualClock } from '../../support/manual-clock.ts';

describe('ID number masking', () => {
  it.each([
    ['110101199001011237', '1101**********1237'],
    ['310115195803120029', '3101**********0029'],
    ['USA110080101012', 'USA*********012'],
    ['H1234567', 'H1****67'],
    ['123', '***'],
  ])('%s → %s', (number, masked) => {
    expect(maskIdNumber(number)).toBe(masked);
  });
});

/** A reader the test answers by hand. */
class ScriptedReader extends EventEmitter<{ state: [ReaderState] }> implements CardReader {
  state: ReaderState = 'ready';
  options: ReadCardOptions | null = null;
  reads = 0;
  #resolve: ((card: IdCard) => void) | null = null;
  #reject: ((error: Error) => void) | null = null;
  readCard(options: ReadCardOptions): Promise<IdCard> {
    this.options = options;
    this.reads++;
    return new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
      options.signal?.addEventListener('abort', () => reject(new IdCardReadError('cancelled', 'cancelled')));
    });
  }
  place(card: IdCard) {
    this.options?.onProgress?.('reading');
    this.#resolve?.(card);
  }
  fail(code: IdCardReadErrorCode) {
    this.#reject?.(new IdCardReadError(code, code));
  }
  becomes(state: ReaderState) {
    this.state = state;
    this.emit('state', state);
  }
}

const setUp = () => {
  const clock = new ManualClock();
  const session = new CitizenSession({
    idleTimeoutMs: 60_000,
    warningMs: 10_000,
    defaultLocale: 'zh-CN',
    locales: ['zh-CN', 'en'],
    clock,
    newSessionId: () => 's1',
    onChange: () => undefined,
    onWipeError: () => undefined,
  });
  const reader = new ScriptedReader();
  const states: IdentifyState[] = [];
  const trouble = vi.fn();
  const step = new IdentifyStep({ reader, session, timeoutMs: 30_000, clock, onChange: (s) => states.push(s), onReaderTrouble: trouble });
  session.start();
  return { session, reader, states, step, trouble, clock };
};
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('identify step', () => {
  it('waits, reads, and gives the session the identity while the page gets only a summary', async () => {
    const { session, reader, states, step } = setUp();
    expect(step.start()).toEqual({ phase: 'waiting', readerOnline: true, cardLeft: false, secondsLeft: 30 });
    expect(reader.options?.timeoutMs).toBe(30_000);
    reader.place(SAMPLE_CARDS.resident);
    await settle();
    expect(states).toEqual([{ phase: 'waiting', readerOnline: true, cardLeft: false, secondsLeft: 30 }, { phase: 'reading' }, { phase: 'done' }]);
    expect(session.identity).toEqual(SAMPLE_CARDS.resident);
    expect(session.state).toMatchObject({ citizen: { name: '王测试', maskedIdNumber: '1101**********1237', cardType: 'resident' } });
    expect(JSON.stringify(session.state)).not.toContain('110101199001011237');
    expect(JSON.stringify(session.state)).not.toContain('东城区');
  });

  it('forgets the identity when the session ends, and cancels a read in progress', async () => {
    const { session, reader, step } = setUp();
    step.start();
    reader.place(SAMPLE_CARDS.hkMoTw);
    await settle();
    session.end('citizen');
    expect(session.identity).toBeNull();
    expect(session.state).toEqual({ phase: 'attract', lastEndReason: 'citizen' });
    session.start();
    step.start();
    const signal = reader.options?.signal;
    session.end('idle');
    expect(signal?.aborted).toBe(true);
    expect(step.state).toEqual({ phase: 'idle' });
  });

  it.each([
    ['no-card', 'timeout', false],
    ['card-left', 'card-left', false],
    ['not-an-id-card', 'not-an-id-card', false],
    ['read-failed', 'read-failed', false],
    ['reader-not-responding', 'reader-offline', true],
    ['reader-disconnected', 'reader-offline', true],
    ['frame-errors', 'reader-fault', true],
  ] as const)('turns %s into the screen reason %s', async (code, reason, staffShouldKnow) => {
    const { reader, step, trouble, session } = setUp();
    step.start();
    reader.fail(code);
    await settle();
    expect(step.state).toEqual({ phase: 'failed', reason });
    expect(trouble).toHaveBeenCalledTimes(staffShouldKnow ? 1 : 0);
    expect(session.identity).toBeNull();
  });

  it('refuses to wait for a card when no citizen session runs, and leaves the reader alone', () => {
    const { session, reader, step, states } = setUp();
    session.end('citizen');
    states.length = 0;
    expect(() => step.start()).toThrow(NoActiveSession);
    expect(reader.options).toBeNull();
    expect(states).toEqual([]);
  });

  it('says the reader is offline while it is', () => {
    const { reader, step, states } = setUp();
    reader.state = 'disconnected';
    step.start();
    reader.options?.onProgress?.('reader-offline');
    reader.options?.onProgress?.('waiting');
    expect(states).toEqual([{ phase: 'waiting', readerOnline: false, cardLeft: false, secondsLeft: 30 }, { phase: 'waiting', readerOnline: true, cardLeft: false, secondsLeft: 30 }]);
  });

  // Walk finding: a card left on the reader after a read was not read again, and the screen said "no card".
  it('says so while the card read before still lies on the reader, with the seconds left of the wait', () => {
    const { reader, step, states, clock } = setUp();
    step.start();
    clock.advance(4_200);
    reader.options?.onProgress?.('card-left');
    clock.advance(10_000);
    reader.options?.onProgress?.('waiting');
    expect(states).toEqual([
      { phase: 'waiting', readerOnline: true, cardLeft: false, secondsLeft: 30 },
      { phase: 'waiting', readerOnline: true, cardLeft: true, secondsLeft: 26 },
      { phase: 'waiting', readerOnline: true, cardLeft: false, secondsLeft: 16 },
    ]);
  });

  // Walk finding: the screen stayed on "the reader cannot be used" after the reader was back.
  it('waits for the card again by itself once a reader that was gone answers again', async () => {
    const { reader, step, trouble } = setUp();
    step.start();
    reader.becomes('disconnected');
    reader.fail('reader-disconnected');
    await settle();
    expect(step.state).toEqual({ phase: 'failed', reason: 'reader-offline' });
    expect(trouble).toHaveBeenCalledOnce();
    reader.becomes('not-responding');
    expect(step.state.phase).toBe('failed');
    reader.becomes('ready');
    expect(step.state).toEqual({ phase: 'waiting', readerOnline: true, cardLeft: false, secondsLeft: 30 });
    expect(reader.reads).toBe(2);
    expect(reader.listenerCount('state')).toBe(0);
  });

  it('does not start again for a reader that comes back after the citizen went back or the session ended', async () => {
    const { reader, step, session, clock } = setUp();
    step.start();
    reader.becomes('not-responding');
    reader.fail('reader-not-responding');
    await settle();
    step.cancel();
    reader.becomes('ready');
    expect(step.state).toEqual({ phase: 'idle' });
    step.start();
    reader.becomes('not-responding');
    reader.fail('reader-not-responding');
    await settle();
    session.end('citizen');
    clock.advance(10_000);
    reader.becomes('ready');
    expect(step.state).toEqual({ phase: 'idle' });
    expect(reader.reads).toBe(2);
    expect(reader.listenerCount('state')).toBe(0);
  });

  it('leaves a reader fault to the retry button: the reader answers, it only answers wrongly', async () => {
    const { reader, step } = setUp();
    step.start();
    reader.fail('reader-fault');
    await settle();
    reader.becomes('ready');
    expect(step.state).toEqual({ phase: 'failed', reason: 'reader-fault' });
    expect(reader.listenerCount('state')).toBe(0);
  });

  // Review finding: a read that gave up on a port that failed a write left the reader "ready", so no state change came.
  it('tries a reader still counted as ready again after a pause, once', async () => {
    const { reader, step, clock } = setUp();
    step.start();
    reader.fail('reader-disconnected');
    await settle();
    expect(step.state).toEqual({ phase: 'failed', reason: 'reader-offline' });
    clock.advance(1999);
    expect(step.state.phase).toBe('failed');
    clock.advance(1);
    expect(step.state).toMatchObject({ phase: 'waiting', readerOnline: true });
    expect(reader.reads).toBe(2);
    expect(clock.pendingTimers).toBe(1); // the session's idle timer, no retry left behind
  });

  // Review finding: a page saying hello a while after the last event was told the seconds left as of that event.
  it('tells a page that asks later how many seconds are left now', () => {
    const { step, clock } = setUp();
    step.start();
    clock.advance(12_000);
    expect(step.state).toMatchObject({ phase: 'waiting', secondsLeft: 18 });
  });
});
