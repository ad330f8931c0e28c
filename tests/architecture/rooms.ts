import type { PackageClass } from './packages.ts';

/**
 * The rooms of ../shared/design/architecture.md, as a table: every source file of the project is in exactly
 * one room (the longest matching path wins), and a room imports only what its row allows. A file in no room
 * fails the check, so a new folder is placed on purpose. A declared room may be empty (a room another branch
 * is building, or one the target drawing has and the code not yet).
 */
export interface Room {
  name: string;
  /** Folders, or single files, that make up the room; a trailing `*` matches any name that starts so. */
  paths: readonly string[];
  /** The rooms whose files it may import (its own always); `*` is every room. */
  imports: readonly string[];
  /** Of `imports`, the rooms it takes with `import type` only. */
  typeOnly?: readonly string[];
  /** Single files of other rooms it may import values from although their room is type-only or closed to it. */
  files?: readonly string[];
  packages: readonly PackageClass[];
  /** Whether it may import Node's built-in modules. */
  builtins: boolean;
  /** The room's rule in one sentence: said when it imports what its row does not allow. */
  says: string;
}

export const SERVICES = [
  'main/session',
  'main/catalogue',
  'main/cases',
  'main/lockers',
  'main/platform',
  'main/fleet',
  'main/storage',
  'main/audit',
  'main/documents',
] as const;
export const SHELLS = ['main/shell', 'main/shell/preload', 'main/browser-shell', 'main/browser-shell/page'] as const;
/** Device drivers: a codec part (codec-files.ts) and a driver part. drivers/clock is a shared codec room. */
export const DEVICE_ROOMS = ['drivers/idcard', 'drivers/printer', 'drivers/locker', 'drivers/scanner', 'drivers/clock'] as const;
export const TOOL_ROOMS = ['tests', 'bench', 'scripts', 'root-config'] as const;

const HOST_PACKAGES: readonly PackageClass[] = ['node', 'either'];
const ALL_PACKAGES: readonly PackageClass[] = ['node', 'browser', 'either', 'tool'];

const service = (name: string): Room => ({
  name,
  paths: [name],
  imports: ['main/api', 'main/common', ...SERVICES, ...DEVICE_ROOMS],
  packages: HOST_PACKAGES,
  builtins: true,
  says: 'a service imports main/api, main/common, other services and the device drivers’ interfaces; its config and devices are passed in',
});

const deviceRoom = (name: string): Room => ({
  name,
  paths: [name],
  imports: ['drivers/transport', 'drivers/clock'],
  packages: HOST_PACKAGES,
  builtins: true,
  says: 'a device driver imports its own room, drivers/transport and drivers/clock',
});

const toolRoom = (name: string, paths: readonly string[]): Room => ({
  name,
  paths,
  imports: ['*'],
  packages: ALL_PACKAGES,
  builtins: true,
  says: 'tooling may import anything',
});

export const ROOMS: readonly Room[] = [
  // The contract and what is below every service
  {
    name: 'main/api',
    paths: ['main/api'],
    imports: [],
    packages: ['either'],
    builtins: false,
    says: 'main/api is the bottom of the house: it imports only itself (and zod)',
  },
  {
    name: 'main/common',
    paths: ['main/common'],
    imports: [],
    packages: [],
    builtins: false,
    says: 'main/common imports nothing of ours',
  },
  {
    name: 'main/config',
    paths: ['main/config'],
    // main/storage for writeFileDurably: the spent enrolment code is cut out of the config file (enrolment-code-removal.ts).
    imports: ['main/api', 'main/common', 'main/storage', 'drivers/manager'],
    packages: HOST_PACKAGES,
    builtins: true,
    says: 'the terminal config imports main/api, main/common, main/storage and the device manager’s schemas',
  },

  {
    // The OS-level lockdown's pieces (the managed Chromium policy …): what the shells check and kioskctl installs.
    name: 'main/lockdown',
    paths: ['main/lockdown'],
    imports: ['main/common'],
    packages: HOST_PACKAGES,
    builtins: true,
    says: 'the lockdown pieces import only main/common',
  },

  // Services
  ...SERVICES.map(service),

  // The composition root and the shells
  {
    name: 'main/host',
    paths: ['main/host'],
    imports: ['main/api', 'main/common', 'main/config', ...SERVICES, 'drivers/manager'],
    packages: HOST_PACKAGES,
    builtins: true,
    says: 'the host imports main/api, main/common, main/config, the services and drivers/manager',
  },
  {
    name: 'main/shell',
    paths: ['main/shell'],
    imports: ['main/api', 'main/common', 'main/config', 'main/storage', 'main/lockdown', 'main/host'],
    packages: HOST_PACKAGES,
    builtins: true,
    says: 'the Electron shell wires the host to Electron: it imports main/host, main/api, main/common, main/config, main/storage and main/lockdown',
  },
  {
    name: 'main/shell/preload',
    paths: ['main/shell/preload*'],
    imports: ['main/api'],
    typeOnly: ['main/api'],
    // The IPC channel names; bridge.ts itself imports only types (checked by import-direction.test.ts).
    files: ['main/api/bridge.ts'],
    packages: [],
    builtins: false,
    says: 'the preload imports only electron (contextBridge, ipcRenderer), other preload files and the contract’s types',
  },
  {
    name: 'main/browser-shell',
    paths: ['main/browser-shell'],
    // main/storage as for main/shell: a shell's entry may keep the data key its own way. main/fleet: the shell raises
    // its own alerts (a crash loop), and reports them to the fleet itself when the host is the one that keeps failing.
    imports: ['main/api', 'main/common', 'main/config', 'main/storage', 'main/lockdown', 'main/host', 'main/fleet'],
    packages: HOST_PACKAGES,
    builtins: true,
    says: 'the browser shell imports main/host, main/api, main/common, main/config, main/storage, main/lockdown and main/fleet',
  },
  {
    name: 'main/browser-shell/page',
    paths: ['main/browser-shell/page'],
    imports: ['main/api'],
    typeOnly: ['main/api'],
    // The frames, and the one decision on escape keys that both shells apply (it imports nothing).
    files: ['main/browser-shell/ws-frames.ts', 'main/lockdown/browser-shortcuts.ts'],
    packages: [],
    builtins: false,
    says: 'the page bridge imports only the contract types, ws-frames.ts and browser-shortcuts.ts',
  },
  // The page
  {
    name: 'renderer',
    paths: ['renderer'],
    imports: ['main/api'],
    typeOnly: ['main/api'],
    packages: ['browser', 'either'],
    builtins: false,
    says: 'the renderer imports only renderer/ and (type-only) main/api',
  },

  // Devices
  {
    name: 'drivers/transport',
    paths: ['drivers/transport'],
    imports: [],
    packages: HOST_PACKAGES,
    builtins: true,
    says: 'a transport imports only drivers/transport',
  },
  ...DEVICE_ROOMS.filter((name) => name !== 'drivers/clock').map(deviceRoom),
  {
    name: 'drivers/clock',
    paths: ['drivers/clock'],
    imports: [],
    packages: [],
    builtins: false,
    says: 'the drivers’ clock imports nothing',
  },
  {
    name: 'drivers/manager',
    paths: ['drivers/manager'],
    imports: ['drivers/transport', ...DEVICE_ROOMS],
    packages: HOST_PACKAGES,
    builtins: true,
    says: 'the device manager imports the drivers and drivers/transport',
  },
  {
    name: 'drivers/simulators',
    paths: ['drivers/simulators'],
    imports: ['drivers/transport', ...DEVICE_ROOMS],
    packages: HOST_PACKAGES,
    builtins: true,
    says: 'the simulators import the drivers’ codecs and drivers/transport',
  },

  // The technician's side
  {
    name: 'kiosk-config',
    paths: ['kiosk-config'],
    imports: ['main/config'],
    packages: HOST_PACKAGES,
    builtins: true,
    says: 'kiosk-config holds what a technician edits: it imports only main/config',
  },
  {
    name: 'kiosk-config/kioskctl',
    paths: ['kiosk-config/kioskctl'],
    imports: [
      'kiosk-config',
      'main/api',
      'main/common',
      'main/config',
      'main/lockdown',
      'main/host',
      ...SERVICES,
      'drivers/manager',
      'drivers/simulators',
      ...DEVICE_ROOMS,
    ],
    packages: HOST_PACKAGES,
    builtins: true,
    says: 'kioskctl imports kiosk-config, main/* (not the shells) and drivers/* (devices through drivers/manager)',
  },

  // Outside the kiosk
  {
    name: 'reference-platform',
    paths: ['reference-platform'],
    imports: [],
    packages: HOST_PACKAGES,
    builtins: true,
    says: 'the reference platform stands for an outside system: it imports nothing of the kiosk',
  },
  {
    // `npm start`: the demo puts everything together (Electron it starts as a process, never by import).
    name: 'demo',
    paths: ['demo'],
    imports: [
      'main/api',
      'main/common',
      'main/config',
      ...SERVICES,
      'main/host',
      'main/browser-shell',
      'drivers/transport',
      ...DEVICE_ROOMS,
      'drivers/manager',
      'drivers/simulators',
      'reference-platform',
      'kiosk-config',
      'kiosk-config/kioskctl',
    ],
    packages: HOST_PACKAGES,
    builtins: true,
    says: 'the demo imports the kiosk, its simulators and the reference platform, never tests or the renderer',
  },

  // Tooling
  toolRoom('tests', ['tests']),
  toolRoom('bench', ['bench']),
  toolRoom('scripts', ['scripts']),
  toolRoom('root-config', ['vite.config.ts', 'vitest.config.ts', 'playwright.config.ts', 'eslint.config.js']),
];

const matches = (file: string, pattern: string): boolean =>
  pattern.endsWith('*') ? file.startsWith(pattern.slice(0, -1)) : file === pattern || file.startsWith(`${pattern}/`);

/** The room a project path (a file, or a folder) belongs to, or undefined when none is declared. */
export const roomOf = (file: string): Room | undefined => {
  let best: { room: Room; length: number } | undefined;
  for (const room of ROOMS) {
    for (const pattern of room.paths) {
      if (matches(file, pattern) && (best === undefined || pattern.length > best.length)) best = { room, length: pattern.length };
    }
  }
  return best?.room;
};

export const isToolRoom = (room: Room): boolean => (TOOL_ROOMS as readonly string[]).includes(room.name);
