import type { Clock, TimerHandle } from '../common/clock.ts';
import { ServiceRefused } from '../common/service-refused.ts';
import type { CitizenSummary, Locale, SessionEndReason, SessionState } from '../api/index.ts';
import type { IdCard } from '../../drivers/idcard/id-card.ts';
import { holderName } from './card-holder.ts';
import { maskIdNumber } from './mask-id-number.ts';

export interface CitizenSessionOptions {
  /** No activity for this long shows the idle warning. */
  idleTimeoutMs: number;
  /** How long the warning counts down before the session ends. */
  warningMs: number;
  defaultLocale: Locale;
  /** The languages this terminal offers. */
  locales: readonly Locale[];
  clock: Clock;
  newSessionId: () => string;
  onChange: (state: SessionState) => void;
  /** A wipe listener threw: the session still ends; the host logs this as a defect to fix. */
  onWipeError: (error: unknown) => void;
}

/** A call that needs a running session when there is none. */
export class NoActiveSession extends ServiceRefused {
  constructor(action: string) {
    super('invalid-state', `cannot ${action}: no citizen session is running`);
  }
}

const SECOND = 1000;

/**
 * One citizen at the terminal, from the touch on the attract screen to the end: the idle timer with its
 * visible countdown, the session's language, and the wipe of everything services kept for this citizen.
 * The host owns it, so a hung or closed page cannot keep personal data alive.
 */
export class CitizenSession {
  readonly #options: CitizenSessionOptions;
  #state: SessionState = { phase: 'attract', lastEndReason: null };
  #timer: TimerHandle | null = null;
  /** When the session ends if the citizen does nothing more (clock time); the page counts down to it. */
  #endsAt = 0;
  /** The citizen's card, in this process's memory only, until the session ends. */
  #identity: IdCard | null = null;
  readonly #endListeners = new Set<(reason: SessionEndReason) => void>();

  constructor(options: CitizenSessionOptions) {
    if (options.warningMs < SECOND) throw new RangeError('warningMs must be at least one second');
    if (options.idleTimeoutMs <= 0) throw new RangeError('idleTimeoutMs must be positive');
    this.#options = options;
  }

  /** The session now; a running one's secondsLeft as of this moment (a page saying hello after a while counts right). */
  get state(): SessionState {
    const state = this.#state;
    return state.phase === 'active' ? this.#active(state.sessionId, state.locale, state.citizen) : state;
  }

  /**
   * Registers a wipe: called once at the end of every session, before the page hears about it, and when another
   * citizen identifies within a session. Services that hold personal data for the session (identity, form, scans)
   * clear it here.
   */
  onEnd(listener: (reason: SessionEndReason) => void): () => void {
    this.#endListeners.add(listener);
    return () => this.#endListeners.delete(listener);
  }

  /** The identified citizen's card, for the services of this session (cases, lockers); null before identify. */
  get identity(): IdCard | null {
    return this.#identity;
  }

  /** Records who the citizen is (from their ID card); the page learns only the summary. */
  identify(card: IdCard, photo?: string): CitizenSummary {
    const state = this.#state;
    if (state.phase === 'attract') throw new NoActiveSession('identify a citizen');
    // Another person's card within the same session: what the services held for the one before (a form,
    // certificates, cases) is wiped first, as at a session's end; the same card read again keeps it.
    if (this.#identity !== null && this.#identity.idNumber !== card.idNumber) this.#wipe('citizen');
    this.#identity = card;
    const citizen: CitizenSummary = {
      name: holderName(card),
      maskedIdNumber: maskIdNumber(card.idNumber),
      cardType: card.cardType,
      ...(photo === undefined ? {} : { photo }),
    };
    this.#set(state.phase === 'active' ? this.#active(state.sessionId, state.locale, citizen) : { ...state, citizen });
    return citizen;
  }

  start(): SessionState {
    if (this.#state.phase !== 'attract') return this.#state;
    this.#armIdleTimer();
    this.#set(this.#active(this.#options.newSessionId(), this.#options.defaultLocale, null));
    return this.#state;
  }

  recordActivity(): SessionState {
    // During the warning only an explicit "more time" counts: a stray touch elsewhere must not hide the countdown.
    const state = this.#state;
    if (state.phase === 'active') {
      this.#armIdleTimer();
      this.#set(this.#active(state.sessionId, state.locale, state.citizen));
    }
    return this.#state;
  }

  extend(): SessionState {
    const state = this.#state;
    if (state.phase === 'attract') throw new NoActiveSession('extend the session');
    this.#armIdleTimer();
    this.#set(this.#active(state.sessionId, state.locale, state.citizen));
    return this.#state;
  }

  setLocale(locale: Locale): SessionState {
    if (!this.#options.locales.includes(locale)) throw new ServiceRefused('invalid-request', `locale ${locale} is not offered here`);
    const state = this.#state;
    if (state.phase === 'attract') throw new NoActiveSession('change the language');
    if (state.phase === 'active') {
      this.#armIdleTimer();
      this.#set(this.#active(state.sessionId, locale, state.citizen));
    } else {
      this.#set({ ...state, locale });
    }
    return this.#state;
  }

  end(reason: SessionEndReason): SessionState {
    if (this.#state.phase === 'attract') return this.#state;
    this.#cancelTimer();
    this.#wipe(reason);
    this.#identity = null;
    this.#set({ phase: 'attract', lastEndReason: reason });
    return this.#state;
  }

  /** Stops the timers for good (host shutdown); ends a running session first so its data is wiped. */
  dispose(): void {
    this.end('host');
    this.#cancelTimer();
  }

  #wipe(reason: SessionEndReason): void {
    for (const listener of this.#endListeners) {
      try {
        listener(reason);
      } catch (error) {
        this.#options.onWipeError(error);
      }
    }
  }

  #active(sessionId: string, locale: Locale, citizen: CitizenSummary | null): SessionState {
    const secondsLeft = Math.max(0, Math.ceil((this.#endsAt - this.#options.clock.now()) / SECOND));
    return { phase: 'active', sessionId, locale, citizen, secondsLeft };
  }

  #armIdleTimer(): void {
    this.#cancelTimer();
    this.#endsAt = this.#options.clock.now() + this.#options.idleTimeoutMs + this.#options.warningMs;
    this.#timer = this.#options.clock.setTimeout(() => this.#startWarning(), this.#options.idleTimeoutMs);
  }

  #startWarning(): void {
    const state = this.#state;
    if (state.phase !== 'active') return;
    const secondsLeft = Math.ceil(this.#options.warningMs / SECOND);
    this.#set({ phase: 'warning', sessionId: state.sessionId, locale: state.locale, citizen: state.citizen, secondsLeft });
    this.#scheduleTick();
  }

  #scheduleTick(): void {
    this.#timer = this.#options.clock.setTimeout(() => {
      const state = this.#state;
      if (state.phase !== 'warning') return;
      if (state.secondsLeft <= 1) {
        this.end('idle');
        return;
      }
      this.#set({ ...state, secondsLeft: state.secondsLeft - 1 });
      this.#scheduleTick();
    }, SECOND);
  }

  #cancelTimer(): void {
    if (this.#timer !== null) this.#options.clock.clearTimeout(this.#timer);
    this.#timer = null;
  }

  #set(state: SessionState): void {
    this.#state = state;
    this.#options.onChange(state);
  }
}
