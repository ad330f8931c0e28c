import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadBridge } from './preload-bridge.ts';

// Bundled to dist/electron/preload.cjs: a sandboxed preload can require nothing but electron.
contextBridge.exposeInMainWorld('kiosk', createPreloadBridge(ipcRenderer));
