import type { IdentifyFailure, IdentifyState } from '../api/index.ts';
import type { Clock } from '../common/clock.ts';
import type { IdCard } from '../../drivers/idcard/id-card.ts';
import type { ReadCardOptions, ReaderState } from '../../drivers/idcard/id-card-reader.ts';
import type { WltPhotoDecoder } from '../../drivers/idcard/photo-decoder.ts';
import { IdCardReadError, type IdCardReadErrorCode } from '../../drivers/idcard/reader-errors.ts';
import { NoActiveSession, type CitizenSession } from './citizen-session.ts';

/** What the step needs of a reader: the IdCardReader driver, or anything that reads cards the same way. */
export interface CardReader {
  readonly state: ReaderState;
  readCard(options: ReadCardOptions): Promise<IdCard>;
  on(event: 'state', listener: (state: ReaderState) => void): unknown;
  off(event: 'state', listener: (state: ReaderState) => void): unknown;
}

export interface IdentifyStepOptions {
  reader: CardReader;
  session: CitizenSession;
  /** How long the citizen has to place the card. */
  timeoutMs: number;
  clock: Clock;
  onChange: (state: IdentifyState) => void;
  /** The terminal's licensed photo decoder, if it has one: the greeting then shows the card's photo. */
  photoDecoder?: WltPhotoDecoder | undefined;
  /** A failure a technician should hear of (never with personal data). */
  onReaderTrouble: (code: IdCardReadErrorCode | 'photo-decoder') => void;
}

const FAILURE_FOR: Readonly<Record<Exclude<IdCardReadErrorCode, 'cancelled'>, IdentifyFailure>> = {
  'no-card': 'timeout',
  'card-left': 'card-left',
  'not-an-id-card': 'not-an-id-card',
  'read-failed': 'read-failed',
  'reader-not-responding': 'reader-offline',
  'reader-disconnected': 'reader-offline',
  'frame-errors': 'reader-fault',
  'reader-fault': 'reader-fault',
  'bad-card-data': 'read-failed',
};

/** How soon a read that gave up for a reader still counted as ready is tried again. */
const RETRY_READY_READER_MS = 2000;

/**
 * The identify step of a session: wait for the citizen's ID card, read it, and hand the identity to the
 * session. The page sees the step's phase, never the card. Ends (and forgets) with the session. A read that
 * failed because the reader was gone starts again by itself once the reader answers again.
 */
export class IdentifyStep {
  readonly #options: IdentifyStepOptions;
  #state: IdentifyState = { phase: 'idle' };
  #controller: AbortController | null = null;
  #stopWatchingReader: (() => void) | null = null;
  /** When the wait for a card gives up (clock time). */
  #deadline = 0;

  constructor(options: IdentifyStepOptions) {
    this.#options = options;
    options.session.onEnd(() => this.cancel());
  }

  /** The step now; a wait's secondsLeft as of this moment. */
  get state(): IdentifyState {
    const state = this.#state;
    return state.phase === 'waiting' ? this.#waiting(state.readerOnline, state.cardLeft) : state;
  }

  start(): IdentifyState {
    if (this.#options.session.state.phase === 'attract') throw new NoActiveSession('identify');
    if (this.#state.phase === 'waiting' || this.#state.phase === 'reading') return this.#state;
    this.#stopWatchingReader?.();
    const controller = new AbortController();
    this.#controller = controller;
    this.#deadline = this.#options.clock.now() + this.#options.timeoutMs;
    this.#set(this.#waiting(this.#options.reader.state !== 'disconnected', false));
    void this.#options.reader
      .readCard({
        timeoutMs: this.#options.timeoutMs,
        signal: controller.signal,
        onProgress: (progress) => {
          if (controller.signal.aborted) return;
          if (progress === 'reading') this.#set({ phase: 'reading' });
          else this.#set(this.#waiting(progress !== 'reader-offline', progress === 'card-left'));
        },
      })
      .then(
        async (card) => {
          const photo = await this.#decodePhoto(card);
          if (controller.signal.aborted) return;
          this.#options.session.identify(card, photo);
          this.#set({ phase: 'done' });
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          const code: IdCardReadErrorCode = error instanceof IdCardReadError ? error.code : 'reader-fault';
          if (code === 'cancelled') return;
          const reason = FAILURE_FOR[code];
          if (reason === 'reader-offline' || reason === 'reader-fault') this.#options.onReaderTrouble(code);
          this.#set({ phase: 'failed', reason });
          if (reason === 'reader-offline') this.#restartWhenReaderIsBack();
        },
      )
      .finally(() => {
        if (this.#controller === controller) this.#controller = null;
      });
    return this.#state;
  }

  #waiting(readerOnline: boolean, cardLeft: boolean): IdentifyState {
    const secondsLeft = Math.max(0, Math.ceil((this.#deadline - this.#options.clock.now()) / 1000));
    return { phase: 'waiting', readerOnline, cardLeft, secondsLeft };
  }

  async #decodePhoto(card: IdCard): Promise<string | undefined> {
    const decoder = this.#options.photoDecoder;
    if (decoder === undefined) return undefined;
    try {
      const image = await decoder.decode(card.photo);
      return `data:${image.mimeType};base64,${Buffer.from(image.bytes).toString('base64')}`;
    } catch {
      this.#options.onReaderTrouble('photo-decoder');
      return undefined;
    }
  }

  /** The reader was gone when the read gave up: once it answers again, the citizen is asked for the card again. */
  #restartWhenReaderIsBack(): void {
    const reader = this.#options.reader;
    const onState = (state: ReaderState) => {
      if (state !== 'ready') return;
      this.#stopWatchingReader?.();
      if (this.#state.phase === 'failed' && this.#options.session.state.phase !== 'attract') this.start();
    };
    reader.on('state', onState);
    // A read can give up on a port that failed a write while the reader still counts as ready: no change will come,
    // so a ready reader is tried again after a pause (a pause, so a reader failing at once is not asked in a loop).
    const retry = reader.state === 'ready' ? this.#options.clock.setTimeout(() => onState(reader.state), RETRY_READY_READER_MS) : null;
    this.#stopWatchingReader = () => {
      reader.off('state', onState);
      if (retry !== null) this.#options.clock.clearTimeout(retry);
      this.#stopWatchingReader = null;
    };
  }

  cancel(): IdentifyState {
    this.#stopWatchingReader?.();
    this.#controller?.abort();
    this.#controller = null;
    this.#set({ phase: 'idle' });
    return this.#state;
  }

  #set(state: IdentifyState): void {
    if (JSON.stringify(state) === JSON.stringify(this.#state)) return;
    this.#state = state;
    this.#options.onChange(state);
  }
}
