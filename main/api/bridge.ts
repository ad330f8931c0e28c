import type { ApiError } from './errors.ts';
import type { KioskEvent } from './events.ts';

/** What a call resolves to: the host's result, or a typed error (never a rejection, so the type survives any transport). */
export type CallResponse = { ok: true; result: unknown } | { ok: false; error: ApiError };

/** Electron IPC channels: the preload is the only user of these names on the page side. */
export const IPC_CALL_CHANNEL = 'kiosk:call';
export const IPC_EVENT_CHANNEL = 'kiosk:event';

/**
 * `window.kiosk`: the whole surface the page gets from either shell. Nothing else of Electron or of the
 * host is reachable from the page.
 */
export interface KioskBridge {
  /** Calls a contract method; resolves with the host's answer, or an `unavailable` error when the host is gone. */
  call(method: string, params: unknown): Promise<CallResponse>;
  /** Receives every pushed event; returns a function that stops it. */
  subscribe(listener: (event: KioskEvent) => void): () => void;
  /** Told at once and on every change whether the host can be reached. */
  onConnectionChange(listener: (connected: boolean) => void): () => void;
}
