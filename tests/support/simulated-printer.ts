import { ReceiptPrinter, type ReceiptPrinterOptions } from '../../drivers/printer/receipt-printer.ts';
import { EscPosPrinterSimulator } from '../../drivers/simulators/escpos-printer-simulator.ts';
import type { PtyPair } from '../../drivers/simulators/pty-pair.ts';
import { SerialTransport } from '../../drivers/transport/serial-transport.ts';
import { startDeviceOnPty } from './device-on-pty.ts';

/** A simulated receipt printer on a real pty; with `driver`, the ReceiptPrinter on the other end too. */
export interface SimulatedPrinter {
  pty: PtyPair;
  simulator: EscPosPrinterSimulator;
  printer: ReceiptPrinter;
  stop(): Promise<void>;
}

export const startSimulatedPrinterSide = () => startDeviceOnPty('ttyS0', (simulatorPath) => EscPosPrinterSimulator.start({ path: simulatorPath }));

export const startSimulatedPrinter = async (options: Partial<Omit<ReceiptPrinterOptions, 'transport'>> = {}): Promise<SimulatedPrinter> => {
  const side = await startSimulatedPrinterSide();
  const printer = new ReceiptPrinter({
    transport: new SerialTransport({ path: side.pty.devicePath, baudRate: 115200, retryMs: 50, maxRetryMs: 200, presenceCheckMs: 100 }),
    // Roomy, because CI machines are loaded; late answers are tested explicitly.
    statusTimeoutMs: 1000,
    pollIntervalMs: 100,
    ...options,
  });
  await printer.start();
  return {
    ...side,
    printer,
    stop: async () => {
      await printer.stop();
      await side.stop();
    },
  };
};
