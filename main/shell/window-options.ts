import type { BrowserWindowConstructorOptions } from 'electron';

export interface KioskWindowSettings {
  preloadPath: string;
  /** Developer tools exist only in an unpackaged development run. */
  devTools: boolean;
}

/** Electron's BrowserWindow, or a stand-in with its constructor (the unit tests'). */
export type WindowClass<W> = new (options: BrowserWindowConstructorOptions) => W;

/**
 * Opens the kiosk window: full screen, frameless, on top, and locked down as the Electron checklist asks (items
 * 2-4, 6, 8-10): context isolation, the sandbox, no Node in the page or its workers, web security on. The options
 * are a literal inside `new BrowserWindow(…)` on purpose: that is where Electronegativity reads them.
 */
export const openKioskWindow = <W>(BrowserWindow: WindowClass<W>, settings: KioskWindowSettings): W =>
  new BrowserWindow({
    kiosk: true,
    fullscreen: true,
    frame: false,
    alwaysOnTop: true,
    autoHideMenuBar: true,
    backgroundColor: '#0b3a6f',
    show: false,
    webPreferences: {
      preload: settings.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: settings.devTools,
      safeDialogs: true,
      disableDialogs: true,
      autoplayPolicy: 'user-gesture-required',
      // A middle click fires no auxclick: it can open nothing (window creation is refused anyway).
      disableBlinkFeatures: 'Auxclick',
    },
  });
