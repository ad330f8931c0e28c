import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EscPosPrinterSimulator } from '../../drivers/simulators/escpos-printer-simulator.ts';
import { IdCardSamSimulator } from '../../drivers/simulators/idcard-sam-simulator.ts';
import { LockerBusSimulator } from '../../drivers/simulators/locker-bus-simulator.ts';
import { createPtyPair, type PtyPair } from '../../drivers/simulators/pty-pair.ts';
import { SerialScannerSimulator } from '../../drivers/simulators/serial-scanner-simulator.ts';
import { readTerminalConfig } from '../../main/config/terminal-config-file.ts';
import type { TerminalConfig } from '../../main/config/terminal-config.ts';
import { mintEnrolmentCode } from '../../reference-platform/terminals/enrolment-codes.ts';
import { startPlatform, type RunningProcess } from './processes.ts';

const DEMO_DIR = path.resolve(import.meta.dirname, '..', '..', 'kiosk-config', 'terminals');

/**
 * kiosk-config/terminals/demo.json as a terminal would have it: its serial devices simulated on real ptys in a
 * directory of the test's own (the demo's simulators, as demo/demo-devices.ts runs them), its own data dir, and the
 * reference platform as its own process, which has issued this terminal its enrolment code.
 */
export interface DemoTerminalOnPtys {
  dir: string;
  configFile: string;
  config: TerminalConfig;
  platform: RunningProcess;
  platformUrl: string;
  sam: IdCardSamSimulator;
  printer: EscPosPrinterSimulator;
  scanner: SerialScannerSimulator;
  lockers: LockerBusSimulator;
  stop(): Promise<void>;
}

export const startDemoTerminalOnPtys = async (): Promise<DemoTerminalOnPtys> => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kiosk-demo-ptys-'));
  const demo = JSON.parse(await readFile(path.join(DEMO_DIR, 'demo.json'), 'utf8')) as {
    terminalId: string;
    devices: Array<{ id: string; connection: { type: string; path?: string } }>;
    [key: string]: unknown;
  };
  const enrolmentCode = mintEnrolmentCode();
  const { platform, url } = await startPlatform(0, ['--guides', '200', '--issue-enrolment-code', `${demo.terminalId}=${enrolmentCode}`]);
  const devicePath = (id: string) => path.join(dir, 'dev', id);
  // The schema's path is relative to kiosk-config/terminals/, where this config does not live.
  delete demo['$schema'];
  // Its fleet broker is the demo's fixed loopback port: a test's terminal must not report to a demo running beside it.
  delete demo['fleet'];
  const config = {
    ...demo,
    dataDir: 'data',
    platform: { baseUrl: url, timeoutMs: 2000, healthIntervalSeconds: 1, enrolmentCode },
    receipt: { ...(demo['receipt'] as object), logo: path.join(DEMO_DIR, 'demo-logo.png') },
    lockers: { ...(demo['lockers'] as object), staffAccounts: path.join(DEMO_DIR, 'demo-staff.json') },
    devices: demo.devices.map((device) => (device.connection.type === 'serial' ? { ...device, connection: { ...device.connection, path: devicePath(device.id) } } : device)),
  };
  const configFile = path.join(dir, 'terminal.json');
  await writeFile(configFile, JSON.stringify(config, null, 2));
  const reading = await readTerminalConfig(configFile);
  if (!reading.ok) throw new Error(`the demo terminal's config is invalid: ${JSON.stringify(reading.problems)}`);

  const ptys: PtyPair[] = [];
  const pty = async (id: string) => {
    const pair = await createPtyPair(devicePath(id));
    ptys.push(pair);
    return pair.simulatorPath;
  };
  const lockerBus = reading.config.devices.find((device) => device.kind === 'locker-bus');
  if (lockerBus === undefined) throw new Error('demo.json has no locker bus');
  const sam = await IdCardSamSimulator.start({ path: await pty('idcard') });
  const printer = await EscPosPrinterSimulator.start({ path: await pty('printer') });
  const scanner = await SerialScannerSimulator.start(await pty('scanner'));
  const lockers = await LockerBusSimulator.start({
    path: await pty('lockers-a'),
    baudRate: lockerBus.connection.type === 'serial' ? lockerBus.connection.baudRate : 9600,
    protocol: lockerBus.protocol,
    boards: lockerBus.boards.map(({ address, doors }) => ({ address, doors, feedback: lockerBus.feedback })),
  });
  return {
    dir,
    configFile,
    config: reading.config,
    platform,
    platformUrl: url,
    sam,
    printer,
    scanner,
    lockers,
    stop: async () => {
      for (const simulator of [sam, printer, scanner, lockers]) await simulator.stop();
      for (const pair of ptys) await pair.stop();
      await platform.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
};
