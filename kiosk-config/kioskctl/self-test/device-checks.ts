import type { DeviceConfig } from '../../../drivers/manager/device-config.ts';
import type { DeviceHealth } from '../../../drivers/manager/device-health.ts';
import { attachedCameras } from '../../../drivers/manager/attached/cameras.ts';
import { DeviceManager } from '../../../drivers/manager/device-manager.ts';
import { deviceRootsFromEnvironment } from '../device-roots.ts';
import { connectionText } from './connection-text.ts';
import type { SelfTestCheck } from './self-test-result.ts';

/** The terminal's devices, started for the self-test and asked how they are; stop() lets go of their ports. */
export interface CheckedDevices {
  readonly devices: DeviceManager;
  readonly checks: SelfTestCheck[];
  stop(): Promise<void>;
}

/**
 * The serial ports the kiosk host holds cannot be opened by anyone else (serialport locks them, flock), and must not
 * be: a status request of ours would land in the middle of a citizen's transaction. The self-test runs only where
 * every configured port is free, so it refuses as a whole rather than report busy devices as broken.
 */
export type DeviceChecking = CheckedDevices | { busy: string };

const LOCKED = /cannot lock port/i;

const readyDetail = (config: DeviceConfig, devices: DeviceManager): string => {
  const wired = connectionText(config.connection);
  switch (config.kind) {
    case 'idcard-reader':
      return `the SAM answers (${wired})`;
    case 'receipt-printer': {
      const status = devices.receiptPrinter?.status;
      return `online, paper ${status?.paper ?? 'unknown'} (${wired})`;
    }
    case 'qr-scanner':
      return `connected (${wired}); a scanner says nothing until it reads a code`;
    case 'locker-bus': {
      const boards = config.boards.map((board) => board.address);
      return `board${boards.length > 1 ? 's' : ''} ${boards.join(', ')} answer${boards.length > 1 ? '' : 's'} (${config.protocol}, ${wired})`;
    }
    case 'document-scanner':
      return `SANE opens it (${wired})`;
  }
  return wired;
};

const cameraCheck = async (config: DeviceConfig & { kind: 'document-scanner'; connection: { type: 'camera' } }): Promise<SelfTestCheck> => {
  const { label } = config.connection;
  const { sysfsRoot, devRoot } = deviceRootsFromEnvironment();
  const cameras = await attachedCameras(sysfsRoot, devRoot);
  const camera = label === undefined ? cameras[0] : cameras.find((listed) => listed.name?.includes(label) === true);
  if (camera === undefined) {
    const listed = cameras.length === 0 ? 'the system lists no video device' : `the system lists ${cameras.map((listed) => `${listed.path} "${listed.name ?? ''}"`).join(', ')}`;
    return { check: config.kind, device: config.id, ok: false, detail: `no camera${label === undefined ? '' : ` named "${label}"`}: ${listed} — check its USB cable` };
  }
  return {
    check: config.kind,
    device: config.id,
    ok: true,
    checkable: false,
    detail: `listed as ${camera.path}${camera.name === undefined ? '' : ` "${camera.name}"`}; whether it opens and gives a sharp page is not checkable here (the kiosk page opens it): scan a document on the kiosk screen`,
  };
};

const checkOf = async (config: DeviceConfig, health: DeviceHealth | null, devices: DeviceManager): Promise<SelfTestCheck> => {
  const device = { check: config.kind, device: config.id };
  if (config.kind === 'qr-scanner' && config.connection.type === 'keyboard') {
    return { ...device, ok: true, checkable: false, detail: 'a keyboard wedge types into the kiosk page: not checkable here; scan a code on the kiosk screen' };
  }
  if (config.kind === 'document-scanner' && config.connection.type === 'camera') return cameraCheck({ ...config, connection: config.connection });
  if (health?.state === 'ready') return { ...device, ok: true, detail: readyDetail(config, devices) };
  return { ...device, ok: false, detail: `${health?.state ?? 'offline'}: ${health?.reason ?? 'no health reported'} (${connectionText(config.connection)})` };
};

/** Starts every configured device through the device manager, asks each how it is (nothing printed, unlocked or moved). */
export const checkDevices = async (configs: readonly DeviceConfig[]): Promise<DeviceChecking> => {
  // A one-off check: no idle polling; the manager still retries a port in the background until stopped.
  const devices = new DeviceManager({ devices: configs, idlePolling: false });
  await devices.start();
  const busy = configs.filter((config) => LOCKED.test(devices.healthOf(config.id)?.reason ?? ''));
  if (busy.length > 0) {
    await devices.stop();
    const ports = busy.map(({ connection }) => (connection.type === 'serial' ? connection.path : connectionText(connection))).join(', ');
    return { busy: `another process holds ${ports} (the kiosk host?): stop it first (systemctl stop gov-service-kiosk), run the self-test, then start it again` };
  }
  const health = await devices.checkNow();
  const checks: SelfTestCheck[] = [];
  for (const config of configs) checks.push(await checkOf(config, health.find((entry) => entry.device === config.id) ?? null, devices));
  return { devices, checks, stop: () => devices.stop() };
};
