import { describe, expect, it } from 'vitest';
import { kioskWindowOptions } from '../../../main/shell/window-options.ts';

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
