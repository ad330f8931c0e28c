import type { QueuedAlert } from './alert-queue.ts';

/** An alert as ThingsBoard telemetry at the time it was raised (docs/fleet-mqtt.md, "Alerts"). */
export const alertPayload = (alert: QueuedAlert, dropped: number): string =>
  JSON.stringify({
    ts: alert.at,
    values: {
      alert: alert.kind,
      alertMessage: alert.message,
      alertCleared: alert.cleared,
      alertSeq: alert.seq,
      ...(alert.detail === null ? {} : { alertDetail: alert.detail }),
      ...(dropped > 0 ? { alertsDropped: dropped } : {}),
    },
  });
