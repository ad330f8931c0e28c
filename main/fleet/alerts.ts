import type { Logger } from 'pino';

/**
 * Alerts: what an operator must hear of at once, the moment it happens. Each is a structured error line in the host's
 * log with `alert` set, which the journal keeps, and the fleet link sends it on over MQTT (buffered on disk while the
 * broker is away: docs/fleet.md). Only the kinds below exist: a new one is added here, on purpose.
 */
export type KioskAlertKind =
  /** The kiosk page or its browser kept failing: the terminal shows its out-of-service screen for a while. */
  | 'kiosk-crash-loop'
  /** The host itself kept failing to run (systemd's start limit): only the out-of-service screen is up. */
  | 'host-crash-loop'
  /** Staff took the terminal out of service from maintenance mode; cleared when they put it back. */
  | 'terminal-out-of-service'
  /** The receipt printer is out of paper (cleared when paper is back). */
  | 'paper-out'
  /** A locker door did not open when asked (jammed, or its board did not answer). */
  | 'door-jammed'
  /** A locker door was left open past its time. */
  | 'door-left-open'
  /** A configured device went offline or into error (cleared when it is ready again). */
  | 'device-offline'
  /** A submitted case, rating or locker report the platform could not take needs someone to look at it. */
  | 'outbox-needs-attention'
  /** A citizen pressed 呼叫工作人员 (call staff). */
  | 'help-requested';

export interface KioskAlert {
  readonly kind: KioskAlertKind;
  /** For a person: what happened, in one line. */
  readonly message: string;
  /** ISO time it was raised. */
  readonly at: string;
  readonly detail?: Readonly<Record<string, unknown>>;
  /** Set when this says the alert of its kind is over. */
  readonly cleared?: true;
}

export interface Alerts {
  raise(kind: KioskAlertKind, message: string, detail?: Readonly<Record<string, unknown>>): KioskAlert;
  /** What an alert was raised for is over (staff put the terminal back in service): told like an alert, `cleared` set. */
  clear(kind: KioskAlertKind, message: string, detail?: Readonly<Record<string, unknown>>): KioskAlert;
  /** Every alert from now on; returns the unsubscribe. */
  subscribe(listener: (alert: KioskAlert) => void): () => void;
}

export const createAlerts = (log: Logger, now: () => number = Date.now): Alerts => {
  const listeners = new Set<(alert: KioskAlert) => void>();
  const tell = (alert: KioskAlert) => {
    for (const listener of listeners) {
      try {
        listener(alert);
      } catch (error) {
        log.warn({ err: error, kind: alert.kind }, 'an alert listener failed');
      }
    }
  };
  const alertOf = (kind: KioskAlertKind, message: string, detail: Readonly<Record<string, unknown>> | undefined): KioskAlert => ({
    kind,
    message,
    at: new Date(now()).toISOString(),
    ...(detail === undefined ? {} : { detail }),
  });
  return {
    raise(kind, message, detail) {
      const alert = alertOf(kind, message, detail);
      log.error({ alert }, `alert: ${message}`);
      tell(alert);
      return alert;
    },
    clear(kind, message, detail) {
      const alert: KioskAlert = { ...alertOf(kind, message, detail), cleared: true };
      log.warn({ alert }, `alert cleared: ${message}`);
      tell(alert);
      return alert;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
};
