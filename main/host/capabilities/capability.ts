import type { HomeEntry, MethodName } from '../../api/index.ts';
import type { MethodHandlers } from '../api-dispatcher.ts';

/** How a capability is doing, for the fleet: ready, working with a limp, or not offered on this terminal. */
export interface CapabilityHealth {
  state: 'ready' | 'degraded' | 'unavailable';
  /** Why, when not ready: a sentence for a technician. */
  reason: string | null;
}

/**
 * One thing the terminal can do for a citizen (or staff): the contract methods it answers, the home entries it
 * provides on this terminal, and its part of the host's start, stop and health. A capability a terminal cannot
 * offer (no reader, no cabinet) still answers its methods, each with `unavailable`.
 */
export interface Capability<M extends MethodName = MethodName> {
  readonly name: string;
  readonly handlers: Pick<MethodHandlers, M>;
  readonly homeEntries: readonly HomeEntry[];
  health(): CapabilityHealth;
  start?(): Promise<void>;
  stop?(): Promise<void>;
  /**
   * A page said hello (the kiosk page loaded, or loaded again after a reload or a crash): it starts on the attract
   * screen, so whatever an earlier page was doing that outlives no page (a staff session) ends here.
   */
  pageArrived?(): void;
}

export const ready: CapabilityHealth = { state: 'ready', reason: null };
export const unavailable = (reason: string): CapabilityHealth => ({ state: 'unavailable', reason });
