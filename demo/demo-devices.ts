import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TerminalConfig } from '../main/config/terminal-config.ts';
import { decodeEscPos } from '../drivers/printer/escpos-decoder.ts';
import { PAPER } from '../drivers/printer/receipt-layout.ts';
import { renderReceiptSvg } from '../drivers/printer/receipt-svg.ts';
import { EscPosPrinterSimulator } from '../drivers/simulators/escpos-printer-simulator.ts';
import { attachScannerDemoControl } from '../drivers/simulators/scanner-demo-control.ts';
import { SerialScannerSimulator } from '../drivers/simulators/serial-scanner-simulator.ts';
import { attachIdcardDemoControl, idcardDemoHelp } from '../drivers/simulators/idcard-demo-control.ts';
import { IdCardSamSimulator } from '../drivers/simulators/idcard-sam-simulator.ts';
import { createPtyPair } from '../drivers/simulators/pty-pair.ts';
import { attachLockerDemoControl } from '../drivers/simulators/locker-demo-control.ts';
import { LockerBusSimulator } from '../drivers/simulators/locker-bus-simulator.ts';

/**
 * The demo terminal's devices: for each serial device that has a simulator, a pseudo-terminal at the
 * configured path with the simulator on its other end. The ID card reader and the QR scanner are played with keys
 * on stdin, and so are the cabinet's doors (shut them after a pickup or deposit, jam them …); what the printer prints
 * is saved as a picture (SVG) in the data directory for the presenter to open.
 */
export const startDemoDevices = async (config: TerminalConfig, say: (line: string) => void): Promise<() => Promise<void>> => {
  const stops: Array<() => Promise<void>> = [];
  // Keyboard controls are attached once every simulator runs: keys pressed early then reach all of them.
  const controls: Array<() => () => void> = [];
  for (const device of config.devices) {
    if (device.kind === 'receipt-printer' && device.connection.type === 'serial') {
      const pty = await createPtyPair(device.connection.path);
      const printer = await EscPosPrinterSimulator.start({ path: pty.simulatorPath, baudRate: device.connection.baudRate });
      const dir = path.join(config.dataDir, 'printed');
      await mkdir(dir, { recursive: true });
      let count = 0;
      printer.on('cut', (job) => {
        const file = path.join(dir, `receipt-${new Date().toISOString().replace(/[:.]/g, '-')}-${++count}.svg`);
        void writeFile(file, renderReceiptSvg(decodeEscPos(job), { paperDots: PAPER[config.receipt.paper].dots })).then(() => say(`printer: printed ${file}`));
      });
      say(`simulated receipt printer: printed slips are saved in ${dir}`);
      stops.push(async () => {
        await printer.stop();
        await pty.stop();
      });
      continue;
    }
    if (device.kind === 'qr-scanner' && device.connection.type === 'serial') {
      const pty = await createPtyPair(device.connection.path);
      const scanner = await SerialScannerSimulator.start(pty.simulatorPath);
      controls.push(() => attachScannerDemoControl(scanner, config.receipt.trackingUrl, process.stdin, say));
      stops.push(async () => {
        await scanner.stop();
        await pty.stop();
      });
      continue;
    }
    if (device.kind === 'locker-bus') {
      const pty = await createPtyPair(device.connection.path);
      const boards = device.boards.map(({ address, doors }) => ({ address, doors, feedback: device.feedback, ...(device.statusByteOrder === undefined ? {} : { byteOrder: device.statusByteOrder }) }));
      const simulator = await LockerBusSimulator.start({ path: pty.simulatorPath, baudRate: device.connection.baudRate, protocol: device.protocol, boards });
      controls.push(() => attachLockerDemoControl(simulator, process.stdin, (line) => say(`${device.label ?? device.id}: ${line}`)));
      stops.push(async () => {
        await simulator.stop();
        await pty.stop();
      });
      continue;
    }
    if (device.kind !== 'idcard-reader' || device.connection.type !== 'serial') continue;
    const pty = await createPtyPair(device.connection.path);
    const simulator = await IdCardSamSimulator.start({ path: pty.simulatorPath, baudRate: device.connection.baudRate });
    controls.push(() => {
      say(idcardDemoHelp());
      return attachIdcardDemoControl(simulator, process.stdin, say);
    });
    stops.push(async () => {
      await simulator.stop();
      await pty.stop();
    });
  }
  const detachers = controls.map((attach) => attach());
  return async () => {
    for (const detach of detachers) detach();
    for (const stop of stops) await stop();
  };
};
