import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEVICE_FILES, PENDING_FILES } from './codec-files.ts';
import { importsOf, isPending, problemsOf, resolveTarget, violation, type ImportRef } from './import-rules.ts';
import { PACKAGES } from './packages.ts';
import { PENDING_MOVES } from './pending-moves.ts';
import { ROOMS, roomOf } from './rooms.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
/** Not source: installed packages, build output, run-time state and test reports (all git-ignored). */
const NOT_SOURCE = new Set(['node_modules', 'dist', '.git', 'var', 'test-results', 'playwright-report']);
const isSource = (name: string) => /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/.test(name);
const relative = (file: string) => path.relative(root, file).split(path.sep).join('/');

/** Every source file of the project: the root's own and everything under each top-level folder. */
const projectFiles = (): string[] =>
  readdirSync(root, { withFileTypes: true })
    .filter((entry) => !NOT_SOURCE.has(entry.name))
    .flatMap((entry) => {
      if (entry.isFile()) return isSource(entry.name) ? [entry.name] : [];
      if (!entry.isDirectory()) return [];
      return readdirSync(path.join(root, entry.name), { withFileTypes: true, recursive: true })
        .filter((file) => file.isFile() && isSource(file.name))
        .map((file) => relative(path.join(file.parentPath, file.name)));
    });

const files = projectFiles();
const source = (file: string) => readFileSync(path.join(root, file), 'utf8');
const allRefs: ImportRef[] = files.flatMap((file) => importsOf(file, source(file)));

const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};
const declaredPackages = new Set([...Object.keys(packageJson.dependencies ?? {}), ...Object.keys(packageJson.devDependencies ?? {})]);

describe('import direction (architecture.md)', () => {
  it('holds for every source file of the project', () => {
    expect(files.length).toBeGreaterThan(300);
    const problems = files.flatMap((file) => problemsOf(file, source(file), PENDING_MOVES));
    expect(problems).toEqual([]);
  });

  it('puts every source folder in a room', () => {
    const folders = [...new Set(files.map((file) => path.posix.dirname(file)))];
    expect(folders.filter((folder) => folder !== '.' && roomOf(folder) === undefined)).toEqual([]);
  });

  it('declares each room once and each path in one room', () => {
    const names = ROOMS.map((room) => room.name);
    expect(names.length).toBe(new Set(names).size);
    const paths = ROOMS.flatMap((room) => room.paths);
    expect(paths.length).toBe(new Set(paths).size);
    const known = new Set([...names, '*']);
    expect(ROOMS.flatMap((room) => [...room.imports, ...(room.typeOnly ?? [])].filter((name) => !known.has(name)))).toEqual([]);
  });

  it('classifies only packages the project depends on, and every package it imports', () => {
    expect(Object.keys(PACKAGES).filter((name) => !declaredPackages.has(name))).toEqual([]);
    const imported = new Set(allRefs.flatMap((ref) => {
      const target = resolveTarget(ref);
      return target.kind === 'package' ? [target.name] : [];
    }));
    expect([...imported].filter((name) => !declaredPackages.has(name))).toEqual([]);
  });

  it('lets the preload take values only from main/api/bridge.ts, which itself imports only types', () => {
    expect(importsOf('main/api/bridge.ts', source('main/api/bridge.ts')).filter((ref) => !ref.typeOnly)).toEqual([]);
  });

  describe('pending moves', () => {
    it.each(PENDING_MOVES.map((move) => [move.file, move.specifier] as const))(
      '%s importing %s still breaks a rule (else remove it from pending-moves.ts)',
      (file, specifier) => {
        const matching = allRefs.filter((ref) => ref.file === file && ref.specifier === specifier);
        expect(matching.length, 'no such import any more').toBeGreaterThan(0);
        expect(matching.map((ref) => violation(ref)).filter((why) => why !== null).length, 'the import is allowed now').toBeGreaterThan(0);
      },
    );

    it('excuses nothing but its own entries', () => {
      const ref = importsOf('kiosk-config/kioskctl/commands/printer.ts', "import { x } from '../../../drivers/transport/other-transport.ts';")[0];
      expect(ref).toBeDefined();
      expect(ref !== undefined && isPending(ref, PENDING_MOVES)).toBe(false);
    });
  });

  describe('codec and driver files', () => {
    const listed = Object.entries(DEVICE_FILES).flatMap(([room, declared]) =>
      [...declared.codecs, ...declared.drivers].map((file) => [room, file] as const),
    );

    it.each(listed)('%s: %s is in its room and exists (or is pending)', (room, file) => {
      expect(file.startsWith(`${room}/`)).toBe(true);
      const pending = PENDING_FILES[file];
      if (pending === undefined) expect(existsSync(path.join(root, file)), `${file} is gone: remove it from codec-files.ts`).toBe(true);
    });

    it.each(Object.entries(PENDING_FILES))('%s is still pending (else drop it from PENDING_FILES)', (file, pending) => {
      expect(listed.some(([, declared]) => declared === file), `${file} is not listed in DEVICE_FILES`).toBe(true);
      const exists = existsSync(path.join(root, file));
      if (pending.state === 'being added') expect(exists, `${file} has landed: drop it from PENDING_FILES`).toBe(false);
      else expect(exists, `${file} is gone: drop it from DEVICE_FILES and PENDING_FILES`).toBe(true);
    });

    it('covers every device room', () => {
      expect(Object.keys(DEVICE_FILES).sort()).toEqual(['drivers/clock', 'drivers/idcard', 'drivers/locker', 'drivers/printer', 'drivers/scanner']);
      expect(listed.filter(([, file]) => PENDING_FILES[file] === undefined).length).toBeGreaterThan(40);
    });
  });

  // The checker itself: each of these must be caught, or the test above proves nothing.
  const broken: Array<[string, string, string]> = [
    // Renderer
    ['renderer/App.tsx', "import { kioskMethods } from '../main/api/index.ts';", '`import type` only'],
    ['renderer/App.tsx', "import { readFile } from 'node:fs';", 'Node modules'],
    ['renderer/App.tsx', "import x from '../main/host/create-host.ts';", 'renderer imports only renderer/'],
    ['renderer/App.tsx', "import { ipcRenderer } from 'electron';", 'only main/shell imports electron'],
    ['renderer/screens/apply/ApplyScreen.tsx', "import sharp from 'sharp';", 'renderer cannot use sharp'],
    ['renderer/screens/apply/ApplyScreen.tsx', "import { PDFDocument } from 'pdf-lib';", 'renderer cannot use pdf-lib'],
    ['renderer/App.tsx', "import pino from 'pino';", 'renderer cannot use pino'],
    ['renderer/App.tsx', "import { test } from 'vitest';", 'renderer cannot use vitest'],
    // Unknown folders and packages
    ['tools/helper.ts', "import { z } from 'zod';", 'is in no room: declare it in rooms.ts'],
    ['main/helpers/strings.ts', '', 'is in no room'],
    ['drivers/nfc/reader.ts', '', 'is in no room'],
    ['main/host/create-host.ts', "import leftPad from 'left-pad';", 'classify left-pad in packages.ts'],
    ['renderer/App.tsx', "import { thing } from '@acme/ui/button';", 'classify @acme/ui in packages.ts'],
    ['main/host/create-host.ts', "import x from '../../nowhere/x.ts';", 'nowhere/x.ts is in no room'],
    // main/documents, a service (the "Why")
    ['main/documents/document-capture.ts', "import { createKioskHost } from '../host/create-host.ts';", 'services do not import the host'],
    ['main/documents/document-capture.ts', "import { SerialTransport } from '../../drivers/transport/serial-transport.ts';", 'never a transport'],
    ['main/documents/document-capture.ts', "import demo from '../../kiosk-config/terminals/demo.json';", 'nothing imports kiosk-config'],
    ['main/session/citizen-session.ts', "import { createKioskHost } from '../host/create-host.ts';", 'services'],
    ['main/cases/receipt-scan.ts', "import { DeviceManager } from '../../drivers/manager/device-manager.ts';", 'never import drivers/manager'],
    ['main/lockers/locker-service.ts', "import type { LockersConfig } from '../config/lockers-config.ts';", 'config values passed in'],
    ['main/catalogue/catalogue-sync.ts', "import { startBrowserShell } from '../browser-shell/start-browser-shell.ts';", 'services do not import the host or the shells'],
    ['main/fleet/heartbeat.ts', "import { LoopbackServer } from '../browser-shell/loopback-server.ts';", 'services do not import the host or the shells'],
    // The preload
    ['main/shell/preload.ts', "import { readFileSync } from 'node:fs';", 'the preload is sandboxed'],
    ['main/shell/preload.ts', "import { createKioskHost } from '../host/create-host.ts';", 'the preload imports only electron'],
    ['main/shell/preload.ts', "import { app } from 'electron';", 'only contextBridge and ipcRenderer'],
    ['main/shell/preload.ts', "import { contextBridge, shell } from 'electron';", 'only contextBridge and ipcRenderer'],
    ['main/shell/preload.ts', "import * as electron from 'electron';", 'only contextBridge and ipcRenderer'],
    ['main/shell/preload-bridge.ts', "const { app } = require('electron');", 'only contextBridge and ipcRenderer'],
    ['main/shell/preload-bridge.ts', "import { kioskMethods } from '../api/methods.ts';", '`import type` only'],
    ['main/shell/preload-bridge.ts', "import { z } from 'zod';", 'takes no packages'],
    ['main/shell/preload-extra.ts', "import { inputFilter } from './input-filter.ts';", 'the preload imports only electron'],
    // Codecs, in every device room
    ['drivers/locker/generic-8a-commands.ts', "import { SerialPort } from 'serialport';", 'codec files import only other codec files'],
    ['drivers/idcard/sam-frame.ts', "import pino from 'pino';", 'codec files import only other codec files'],
    ['drivers/printer/escpos-encoder.ts', "import { EventEmitter } from 'node:events';", 'codec files import only other codec files'],
    ['drivers/scanner/code-line-framer.ts', "import type { Transport } from '../transport/transport.ts';", 'codec files import only other codec files'],
    ['drivers/locker/status-bitmap.ts', "import { LockerBus } from './locker-bus.ts';", 'codec files import only other codec files'],
    ['drivers/printer/receipt-layout.ts', "import { decodeCodeContent } from '../scanner/code-content.ts';", 'codec files import only other codec files'],
    ['drivers/clock/driver-clock.ts', "import { setTimeout } from 'node:timers/promises';", 'codec files import only other codec files'],
    ['drivers/printer/cutter-codec.ts', '', 'neither a codec nor a driver file: declare it in codec-files.ts'],
    // Drivers
    ['drivers/idcard/id-card-reader.ts', "import { x } from '../../main/session/citizen-session.ts';", 'drivers import nothing of ours outside drivers/'],
    ['drivers/idcard/id-card-reader.ts', "import React from 'react';", 'cannot use react'],
    ['drivers/idcard/id-card-reader.ts', "import { SerialPort } from 'serialport';", 'only drivers/transport may'],
    ['drivers/scanner/serial-scanner.ts', "import { PAPER } from '../printer/receipt-layout.ts';", 'a device driver imports its own room'],
    ['drivers/transport/serial-transport.ts', "import { IdCardReader } from '../idcard/id-card-reader.ts';", 'a transport imports only drivers/transport'],
    ['drivers/manager/device-manager.ts', "import { createPtyPair } from '../simulators/pty-pair.ts';", 'the device manager imports the drivers'],
    ['drivers/manager/device-manager.ts', "import { startReferencePlatform } from '../../reference-platform/server.ts';", 'drivers import nothing of ours'],
    ['drivers/simulators/pty-pair.ts', "import type { Clock } from '../../main/common/clock.ts';", 'drivers import nothing of ours'],
    // The host and the shells
    ['main/host/create-host.ts', "import { app } from 'electron';", 'only main/shell imports electron'],
    ['main/host/create-host.ts', "import { startBrowserShell } from '../browser-shell/start-browser-shell.ts';", 'the host never imports a shell'],
    ['main/host/host-context.ts', "import { IdCardReader } from '../../drivers/idcard/id-card-reader.ts';", 'the host reaches drivers only through drivers/manager'],
    ['main/host/capabilities/documents-capability.ts', "import type { Scanner } from '../../../drivers/scanner/scanner.ts';", 'only through drivers/manager'],
    ['main/host/host-context.ts', "import type { Transport } from '../../drivers/transport/transport.ts';", 'only through drivers/manager'],
    ['main/host/host-context.ts', "import { createPtyPair } from '../../drivers/simulators/pty-pair.ts';", 'main never imports the reference platform or the simulators'],
    ['main/host/create-host.ts', "import { startReferencePlatform } from '../../reference-platform/server.ts';", 'main never imports the reference platform'],
    ['main/browser-shell/start-browser-shell.ts', "import { DEMO_SIGNING_KEY } from '../../reference-platform/catalogue/demo-signing-key.ts';", 'main never imports the reference platform'],
    ['main/browser-shell/main.ts', "import { runKioskctl } from '../../kiosk-config/kioskctl/run-kioskctl.ts';", 'nothing imports kiosk-config'],
    ['demo/start.ts', "import '../main/shell/main.ts';", 'process'],
    ['main/browser-shell/main.ts', "import { startDemoDevices } from '../../demo/demo-devices.ts';", 'the browser shell does not import the other shells'],
    ['main/browser-shell/run-browser-shell.ts', "import { PAPER } from '../../drivers/printer/receipt-layout.ts';", 'the browser shell imports main/host'],
    ['main/shell/main.ts', "import { startBrowserShell } from '../browser-shell/start-browser-shell.ts';", 'the Electron shell does not import the other shells'],
    ['main/browser-shell/chromium.ts', "import { openKioskWindow } from '../shell/window-options.ts';", 'the browser shell does not import the other shells'],
    ['main/browser-shell/loopback-server.ts', "const e = require('electron');", 'only main/shell imports electron'],
    ['main/host/x.ts', "const m = await import('../../renderer/App.tsx');", 'only the renderer imports the renderer'],
    ['main/shell/main.ts', "import { CitizenSession } from '../session/citizen-session.ts';", 'the Electron shell wires the host to Electron'],
    // The bottom of the house
    ['main/api/methods.ts', "import { CitizenSession } from '../session/citizen-session.ts';", 'bottom'],
    ['main/api/methods.ts', "import { createHash } from 'node:crypto';", 'main/api imports no Node modules'],
    ['main/api/methods.ts', "import pino from 'pino';", 'main/api cannot use pino'],
    ['main/api/methods.ts', "import tseslint from 'typescript-eslint';", 'main/api cannot use typescript-eslint'],
    ['eslint.rules.js', "import js from '@eslint/js';", 'eslint.rules.js is in no room'],
    ['main/common/clock.ts', "import { z } from 'zod';", 'main/common cannot use zod'],
    ['main/common/clock.ts', "import type { Locale } from '../api/locale.ts';", 'main/common imports nothing of ours'],
    ['main/config/terminal-config.ts', "import { createKioskHost } from '../host/create-host.ts';", 'the terminal config imports main/api'],
    // The page bridge
    ['main/browser-shell/page/page-bridge.ts', "import { z } from 'zod';", 'no packages'],
    ['main/browser-shell/page/page-bridge.ts', "import { kioskMethods } from '../../api/index.ts';", '`import type` only'],
    ['main/browser-shell/page/page-bridge.ts', "import { startLoopbackServer } from '../loopback-server.ts';", 'only the contract types'],
    ['main/browser-shell/page/page-bridge.ts', "import { readFile } from 'node:fs/promises';", 'no Node modules'],
    // Outside the kiosk, kiosk-config, tests
    ['reference-platform/server.ts', "import { API_VERSION } from '../main/api/index.ts';", 'outside system'],
    ['kiosk-config/kioskctl/commands/printer.ts', "import { HidTransport } from '../../../drivers/transport/hid-transport.ts';", 'kioskctl reaches devices through drivers/manager'],
    ['kiosk-config/kioskctl/commands/printer.ts', "import { startKioskShell } from '../../../main/shell/main.ts';", 'kioskctl imports kiosk-config, main/*'],
    ['kiosk-config/schema-helper.ts', "import { createKioskHost } from '../main/host/create-host.ts';", 'kiosk-config holds what a technician edits'],
    ['main/host/create-host.ts', "import { silentLog } from '../../tests/support/silent-log.ts';", 'product code never imports tests'],
    ['demo/start.ts', "import { silentLog } from '../tests/support/silent-log.ts';", 'product code never imports tests'],
    ['demo/start.ts', "import { App } from '../renderer/App.tsx';", 'only the renderer imports the renderer'],
    ['tests/unit/x.test.ts', "import { app } from 'electron';", 'only main/shell imports electron'],
  ];
  it.each(broken)('catches %s: %s', (file, text, why) => {
    const problems = problemsOf(file, text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(why);
  });

  const fine: Array<[string, string]> = [
    ['renderer/App.tsx', "import type { SessionState } from '../main/api/index.ts';"],
    ['renderer/App.tsx', "import { type SessionState, type Locale } from '../main/api/index.ts';"],
    ['renderer/App.tsx', "import { useTranslation } from 'react-i18next';"],
    ['renderer/App.tsx', "import { z } from 'zod';"],
    ['main/shell/main.ts', "import { app } from 'electron';"],
    ['main/shell/main.ts', "import { createKioskHost } from '../host/create-host.ts';"],
    ['main/shell/preload.ts', "import { contextBridge, ipcRenderer } from 'electron';"],
    ['main/shell/preload.ts', "import { createPreloadBridge } from './preload-bridge.ts';"],
    ['main/shell/preload-bridge.ts', "import type { IpcRenderer, IpcRendererEvent } from 'electron';"],
    ['main/shell/preload-bridge.ts', "import { IPC_CALL_CHANNEL, type KioskBridge } from '../api/bridge.ts';"],
    ['main/shell/preload-bridge.ts', "import type { KioskEvent } from '../api/events.ts';"],
    ['tests/unit/x.test.ts', "import type { Input } from 'electron';"],
    ['tests/unit/x.test.ts', "import { createKioskHost } from '../../main/host/create-host.ts';"],
    ['main/host/create-host.ts', "import { CitizenSession } from '../session/citizen-session.ts';"],
    ['main/host/host-context.ts', "import { DeviceManager } from '../../drivers/manager/device-manager.ts';"],
    ['main/documents/document-capture.ts', "import sharp from 'sharp';"],
    ['main/documents/document-capture.ts', "import type { Scanner } from '../../drivers/scanner/scanner.ts';"],
    ['main/lockers/locker-service.ts', "import type { LockerBus } from '../../drivers/locker/locker-bus.ts';"],
    ['main/config/terminal-config.ts', "import { deviceConfigSchema } from '../../drivers/manager/device-config.ts';"],
    ['drivers/locker/generic-8a-replies.ts', "import { FRAME } from './generic-8a-commands.ts';"],
    ['drivers/printer/printer-text.ts', "import iconv from 'iconv-lite';"],
    ['drivers/printer/receipt-svg.ts', "import QRCode from 'qrcode';"],
    ['drivers/locker/generic-8a-commands.ts', "import { clock } from '../clock/driver-clock.ts';"],
    ['drivers/locker/locker-bus.ts', "import { clock } from '../clock/driver-clock.ts';"],
    ['drivers/locker/locker-bus.ts', "import type { Transport } from '../transport/transport.ts';"],
    ['drivers/scanner/hid-pos-scanner.ts', "import { decodeReport } from './hid-pos-report.ts';"],
    ['drivers/transport/serial-transport.ts', "import { SerialPort } from 'serialport';"],
    ['drivers/manager/device-manager.ts', "import { IdCardReader } from '../idcard/id-card-reader.ts';"],
    ['drivers/simulators/pty-pair.ts', "import { spawn } from 'node:child_process';"],
    ['kiosk-config/kioskctl/commands/printer.ts', "import { transportFor } from '../../../drivers/manager/transport-for.ts';"],
    ['kiosk-config/kioskctl/commands/locker-simulate.ts', "import { createPtyPair } from '../../../drivers/simulators/pty-pair.ts';"],
    ['kiosk-config/kioskctl/commands/catalogue.ts', "import { CatalogueStore } from '../../../main/catalogue/catalogue-store.ts';"],
    ['demo/start.ts', "import { startReferencePlatform } from '../reference-platform/server.ts';"],
    ['demo/demo-devices.ts', "import { createPtyPair } from '../drivers/simulators/pty-pair.ts';"],
    ['demo/start.ts', "import { createKioskHost } from '../main/host/create-host.ts';"],
    ['main/browser-shell/main.ts', "import { createKioskHost } from '../host/create-host.ts';"],
    ['main/browser-shell/page/page-bridge.ts', "import { FRAME_CALL } from '../ws-frames.ts';"],
    ['scripts/build.ts', "import { build } from 'esbuild';"],
    ['vitest.config.ts', "import { defineConfig } from 'vitest/config';"],
    ['eslint.config.js', "import tseslint from 'typescript-eslint';"],
  ];
  it.each(fine)('allows %s: %s', (file, text) => {
    expect(problemsOf(file, text)).toEqual([]);
  });

  it('sees every kind of import', () => {
    const refs: ImportRef[] = importsOf(
      'main/x.ts',
      "import a from './a.ts';\nexport { b } from './b.ts';\nexport type { C } from './c.ts';\nconst d = await import('./d.ts');\ntype E = import('./e.ts').E;\nimport { f, type G } from './f.ts';",
    );
    expect(refs.map((ref) => [ref.specifier, ref.typeOnly, ref.names])).toEqual([
      ['./a.ts', false, null],
      ['./b.ts', false, ['b']],
      ['./c.ts', true, []],
      ['./d.ts', false, null],
      ['./e.ts', true, null],
      ['./f.ts', false, ['f']],
    ]);
  });
});
