import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type CallResponse, type KioskBridge } from '../api/bridge.ts';
import type { KioskEvent } from '../api/events.ts';

/**
 * `window.kiosk` over Electron IPC (checklist item 20): the page gets three functions, never ipcRenderer,
 * and listeners receive the event message alone; the IpcRendererEvent (which carries `sender`) stays here.
 */
export const createPreloadBridge = (ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): KioskBridge => ({
  call: async (method, params) => {
    try {
      return (await ipc.invoke(IPC_CALL_CHANNEL, { method, params })) as CallResponse;
    } catch {
      return { ok: false, error: { code: 'unavailable', message: 'the kiosk host did not answer' } };
    }
  },
  subscribe: (listener) => {
    const forward = (_event: IpcRendererEvent, message: KioskEvent) => listener(message);
    ipc.on(IPC_EVENT_CHANNEL, forward);
    return () => void ipc.removeListener(IPC_EVENT_CHANNEL, forward);
  },
  // The host lives in this app's main process: while the page runs, the host does.
  onConnectionChange: (listener) => {
    listener(true);
    return () => undefined;
  },
});
