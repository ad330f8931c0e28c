import { describe, expect, it } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import { openKioskWindow, type KioskWindowSettings } from '../../../main/shell/window-options.ts';

/** Stands in for BrowserWindow: keeps the options it was constructed with. */
class RecordingWindow {
  readonly options: BrowserWindowConstructorOptions;
  constructor(options: BrowserWindowConstructorOptions) {
    this.options = options;
  }
}
const kioskWindowOptions = (settings: KioskWindowSettings) => openKioskWindow(RecordingWindow, settings).options;

describe('kiosk window options', () => {
  const production = kioskWindowOptions({ preloadPath: '/app/dist/electron/preload.cjs', devTools: false });

  it('locks the page down as the Electron checklist asks', () => {
    expect(production.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      preload: '/app/dist/electron/preload.cjs',
    });
    expect(production.webPreferences).not.toHaveProperty('enableBlinkFeatures');
  });

  it('is a full-screen kiosk window without a frame', () => {
    expect(production).toMatchObject({ kiosk: true, fullscreen: true, frame: false });
  });

  it('has developer tools only when asked (development runs)', () => {
    expect(production.webPreferences?.devTools).toBe(false);
    expect(kioskWindowOptions({ preloadPath: 'p', devTools: true }).webPreferences?.devTools).toBe(true);
  });
});
