import type { Logger } from 'pino';
import { kioskEvents, type EventName, type EventPayload, type KioskEvent } from '../api/index.ts';

export interface EventHub {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Every transport subscribes once per page it serves. */
  subscribe(listener: (event: KioskEvent) => void): () => void;
}

/** Pushes contract events to every attached page; payloads are checked against the contract before they leave. */
export const createEventHub = (log: Logger): EventHub => {
  const listeners = new Set<(event: KioskEvent) => void>();
  return {
    emit(event, payload) {
      const checked = kioskEvents[event].payload.safeParse(payload);
      if (!checked.success) {
        log.error({ event, issues: checked.error.issues }, 'event payload breaks the contract; not sent');
        return;
      }
      const message = { event, payload: checked.data } as KioskEvent;
      for (const listener of listeners) {
        try {
          listener(message);
        } catch (error) {
          log.error({ event, err: error }, 'event listener failed');
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
};
