import type { Alerts } from '../../fleet/alerts.ts';
import type { PrinterPaper } from '../../fleet/fleet-terminal.ts';
import type { DeviceManager } from '../../../drivers/manager/device-manager.ts';

/**
 * The devices' alerts for the operator: a device that went offline or into error (raised once when it goes, cleared
 * when it is back), and the receipt printer out of paper (raised when it runs out, cleared when paper is back).
 * Returns what the fleet reads of the paper now, and a way to hear of every change that matters.
 */
export const watchDeviceAlerts = (devices: DeviceManager, alerts: Alerts, onChange: () => void) => {
  const down = new Set<string>();
  devices.onHealth(({ device, kind, state, reason }) => {
    const isDown = state === 'offline' || state === 'error';
    if (isDown && !down.has(device)) {
      down.add(device);
      alerts.raise('device-offline', `${kind} ${device} is ${state}${reason === null ? '' : `: ${reason}`}`, { device, kind, state, reason });
    } else if (!isDown && down.delete(device)) {
      alerts.clear('device-offline', `${kind} ${device} is ${state} again`, { device, kind, state });
    }
    onChange();
  });

  const printer = devices.receiptPrinter;
  const printerId = devices.configs.find((device) => device.kind === 'receipt-printer')?.id ?? 'printer';
  let paper: PrinterPaper = 'unknown';
  printer?.on('status', (status) => {
    const now: PrinterPaper = status === null ? 'unknown' : status.paper;
    if (now === paper) return;
    const before = paper;
    paper = now;
    if (now === 'out') alerts.raise('paper-out', `receipt printer ${printerId} is out of paper`, { device: printerId });
    else if (before === 'out' && now !== 'unknown') alerts.clear('paper-out', `receipt printer ${printerId} has paper again`, { device: printerId });
    onChange();
  });
  return { paper: (): PrinterPaper => paper };
};
