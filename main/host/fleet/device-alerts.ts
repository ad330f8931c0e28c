import type { Clock, TimerHandle } from '../../common/clock.ts';
import type { Alerts } from '../../fleet/alerts.ts';
import type { PrinterPaper } from '../../fleet/fleet-terminal.ts';
import type { DeviceHealth } from '../../../drivers/manager/device-health.ts';
import type { DeviceManager } from '../../../drivers/manager/device-manager.ts';

/**
 * How long after the host starts a device may take to come up before it counts as down: an ID card reader waiting
 * for its SAM's first answer, a printer for its first status, is starting, not an outage an operator must hear of.
 */
export const DEVICE_STARTUP_GRACE_MS = 30_000;

const isDown = (health: DeviceHealth) => health.state === 'offline' || health.state === 'error';

/**
 * The devices' alerts for the operator: a device that went offline or into error (raised once when it goes, cleared
 * when it is back), and the receipt printer out of paper (raised when it runs out, cleared when paper is back). A
 * device not yet ready since the start is given DEVICE_STARTUP_GRACE_MS (then raised with its state at that moment);
 * once `stop()` is called (the host is stopping its devices itself) nothing more is raised. Returns what the fleet
 * reads of the paper now; `onChange` hears of every change that matters.
 */
export const watchDeviceAlerts = (devices: Pick<DeviceManager, 'onHealth' | 'receiptPrinter' | 'configs'>, alerts: Alerts, onChange: () => void, clock: Clock) => {
  const startedAt = clock.now();
  const raised = new Set<string>();
  const wasReady = new Set<string>();
  const latest = new Map<string, DeviceHealth>();
  let graceTimer: TimerHandle | null = null;
  let watching = true;

  const raise = (health: DeviceHealth) => {
    const { device, kind, state, reason } = health;
    raised.add(device);
    alerts.raise('device-offline', `${kind} ${device} is ${state}${reason === null ? '' : `: ${reason}`}`, { device, kind, state, reason });
  };
  /** The grace is over: every device that has not come up since the start, and is down now, is raised. */
  const graceOver = () => {
    graceTimer = null;
    for (const health of latest.values()) if (isDown(health) && !raised.has(health.device) && !wasReady.has(health.device)) raise(health);
  };

  const unsubscribe = devices.onHealth((health) => {
    if (!watching) return;
    latest.set(health.device, health);
    if (!isDown(health)) {
      wasReady.add(health.device);
      if (raised.delete(health.device)) alerts.clear('device-offline', `${health.kind} ${health.device} is ${health.state} again`, { device: health.device, kind: health.kind, state: health.state });
    } else if (!raised.has(health.device)) {
      const inGrace = !wasReady.has(health.device) && clock.now() - startedAt < DEVICE_STARTUP_GRACE_MS;
      if (!inGrace) raise(health);
      else graceTimer ??= clock.setTimeout(graceOver, startedAt + DEVICE_STARTUP_GRACE_MS - clock.now());
    }
    onChange();
  });

  const printer = devices.receiptPrinter;
  const printerId = devices.configs.find((device) => device.kind === 'receipt-printer')?.id ?? 'printer';
  let paper: PrinterPaper = 'unknown';
  printer?.on('status', (status) => {
    if (!watching) return;
    const now: PrinterPaper = status === null ? 'unknown' : status.paper;
    if (now === paper) return;
    const before = paper;
    paper = now;
    if (now === 'out') alerts.raise('paper-out', `receipt printer ${printerId} is out of paper`, { device: printerId });
    else if (before === 'out' && now !== 'unknown') alerts.clear('paper-out', `receipt printer ${printerId} has paper again`, { device: printerId });
    onChange();
  });
  return {
    paper: (): PrinterPaper => paper,
    /** The host is stopping: its devices going down is not news. */
    stop(): void {
      watching = false;
      unsubscribe();
      if (graceTimer !== null) clock.clearTimeout(graceTimer);
      graceTimer = null;
    },
  };
};
