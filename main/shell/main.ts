import { app, BrowserWindow, ipcMain, Menu, protocol, safeStorage, session } from 'electron';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../api/index.ts';
import { defaultConfigFile } from '../config/default-config-file.ts';
import { readTerminalConfig } from '../config/terminal-config-file.ts';
import { buildPaths } from '../host/build-paths.ts';
import { createKioskHost } from '../host/create-host.ts';
import { usesDocumentCamera } from '../host/content-security-policy.ts';
import { createLogger } from '../host/logger.ts';
import { createRendererFiles } from '../host/renderer-files.ts';
import { RESTART_EXIT_CODE } from '../host/restart-exit-code.ts';
import { APP_ENTRY_URL, APP_SCHEME, appProtocolResponse, isAllowedRendererRequest, isAppUrl } from './app-protocol.ts';
import { applyContentsPolicies } from './contents-policies.ts';
import { refuseDownload } from './navigation-policy.ts';
import { isTrustedSender } from './ipc-sender.ts';
import { decidePermission, type PermissionGrant } from './permission-policy.ts';
import { openKioskWindow } from './window-options.ts';
import { safeStorageKeyStore } from './safe-storage-key-store.ts';

/**
 * The Electron shell: the only file that touches Electron's app lifecycle. Every decision is a plain function
 * beside it (unit-tested); this file only wires them to Electron. Electron cannot run on the build machines,
 * so `tsc` checks this wiring against electron.d.ts.
 */

const configArgument = process.argv.find((arg) => arg.startsWith('--config='));
const configFile = configArgument?.slice('--config='.length) ?? defaultConfigFile();
// The demo's tracked demo.json keeps its published enrolment code (demo/start.ts); any other config loses it once spent.
const keepEnrolmentCode = process.argv.includes('--keep-enrolment-code');
const log = createLogger();
const grants: PermissionGrant[] = [];

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);
app.enableSandbox();
app.commandLine.appendSwitch('disable-pinch');
app.commandLine.appendSwitch('overscroll-history-navigation', '0');
if (!app.requestSingleInstanceLock()) app.exit(0);
app.on('web-contents-created', (_event, contents) => applyContentsPolicies(contents, log));

const start = async () => {
  await app.whenReady();
  Menu.setApplicationMenu(null);

  const reading = await readTerminalConfig(configFile);
  if (!reading.ok) {
    for (const problem of reading.problems) log.fatal({ configFile, ...problem }, 'terminal config is invalid');
    app.exit(1);
    return;
  }
  const dataKeys = safeStorageKeyStore(path.join(reading.config.dataDir, 'keys', 'outbox.key'), safeStorage, (reason) =>
    log.warn({ reason }, 'data key kept in a 0600 file: no OS keystore to wrap it'),
  );
  const host = createKioskHost(reading.config, { log, dataKeys, configReading: reading, ...(keepEnrolmentCode ? {} : { configFile: path.resolve(configFile) }) });
  await host.start();

  const files = createRendererFiles(buildPaths.renderer);
  const camera = usesDocumentCamera(reading.config.devices);
  const pageGuards = await readFile(buildPaths.electronPageGuards);
  protocol.handle(APP_SCHEME, (request) => appProtocolResponse(request.url, files, { camera, pageGuards }));

  const kioskSession = session.defaultSession;
  // The camera only while a document is being scanned with it (the host knows when), and video only.
  const grantsNow = (): readonly PermissionGrant[] => (host.cameraInUse ? [...grants, { permission: 'media', mediaTypes: ['video'] }] : grants);
  kioskSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(decidePermission({ permission, requestingUrl: details.requestingUrl, mediaTypes: 'mediaTypes' in details ? details.mediaTypes : undefined }, grantsNow(), isAppUrl)),
  );
  kioskSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    decidePermission({ permission, requestingUrl: requestingOrigin }, grantsNow(), isAppUrl),
  );
  kioskSession.setDevicePermissionHandler(() => false);
  kioskSession.on('will-download', refuseDownload(log));
  kioskSession.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRendererRequest(details.url);
    if (!allowed) log.warn({ url: details.url }, 'renderer request refused');
    callback({ cancel: !allowed });
  });

  ipcMain.handle(IPC_CALL_CHANNEL, async (event, request: unknown) => {
    if (!isTrustedSender(event.senderFrame)) {
      log.warn({ url: event.senderFrame?.url }, 'IPC from an untrusted frame refused');
      return { ok: false, error: { code: 'forbidden', message: 'not the kiosk page' } };
    }
    return host.dispatch(request);
  });

  const window = openKioskWindow(BrowserWindow, { preloadPath: buildPaths.electronPreload, devTools: !app.isPackaged });
  const unsubscribe = host.subscribe((event) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, event);
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.on('render-process-gone', (_event, details) => {
    log.error({ reason: details.reason }, 'renderer process gone; reloading the kiosk page');
    host.endSession();
    void window.loadURL(APP_ENTRY_URL);
  });
  // A hung page (its script stuck) is ended like a crashed one: the reload above brings the attract screen back.
  window.on('unresponsive', () => {
    log.error('the kiosk page stopped answering; ending its renderer');
    host.endSession();
    window.webContents.forcefullyCrashRenderer();
  });
  // The window manager may close the window (Alt+F4 reaches it before before-input-event on some desktops): a
  // kiosk window is only closed when the app itself is quitting (the OS shuts down, or an administrator quits).
  let quitting = false;
  app.on('before-quit', () => (quitting = true));
  window.on('close', (event) => {
    if (quitting) return;
    event.preventDefault();
    log.warn('kiosk window close refused');
  });
  window.on('closed', () => {
    unsubscribe();
    void host.stop().finally(() => app.quit());
  });
  // A restart asked for (staff, an operator's RPC, a config overlay, an update): the host stopped cleanly, then the
  // exit status systemd (or the demo) starts the terminal again on.
  host.onRestartRequested(() => {
    quitting = true;
    unsubscribe();
    void host.stop().finally(() => app.exit(RESTART_EXIT_CODE));
  });
  await window.loadURL(APP_ENTRY_URL);
};

start().catch((error: unknown) => {
  log.fatal({ err: error }, 'the kiosk failed to start');
  app.exit(1);
});
