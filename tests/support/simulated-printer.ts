import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ReceiptPrinter, type ReceiptPrinterOptions } from '../../drivers/printer/receipt-printer.ts';
import { EscPosPrinterSimulator } from '../../drivers/simulators/escpos-printer-simulator.ts';
import { createPtyPair, type PtyPair } from '../../drivers/simulators/pty-pair.ts';
import { SerialTransport } from '../../drivers/transport/serial-transport.ts';

/** A simulated receipt printer on a real pty; with `driver`, the ReceiptPrinter on the other end too. */
export interface SimulatedPrinter {
  pty: PtyPair;
  simulator: EscPosPrinterSimulator;
  printer: ReceiptPrinter;
  stop(): Promise<void>;
}

export const startSimulatedPrinterSide = async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kiosk-printer-'));
  const pty = await createPtyPair(path.join(dir, 'ttyS0'));
  const simulator = await EscPosPrinterSimulator.start({ path: pty.simulatorPath });
  return {
    pty,
    simulator,
    stop: async () => {
      await simulator.stop();
      await pty.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
};

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
