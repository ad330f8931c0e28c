import { EventEmitter } from 'node:events';
import type { IpcRenderer } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../../main/api/index.ts';
import { createPreloadBridge } from '../../../main/shell/preload-bridge.ts';

/** ipcRenderer's invoke/on/removeListener, as a plain emitter. */
const fakeIpc = (invoke: (channel: string, ...args: unknown[]) => Promise<unknown>) => {
  const emitter = new EventEmitter();
  return Object.assign(emitter, { invoke: vi.fn(invoke) }) as unknown as Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'> & EventEmitter;
};

describe('preload bridge (window.kiosk under Electron)', () => {
  it('exposes exactly call, subscribe and onConnectionChange', () => {
    const bridge = createPreloadBridge(fakeIpc(async () => ({ ok: true, result: {} })));
    expect(Object.keys(bridge).sort()).toEqual(['call', 'onConnectionChange', 'subscribe']);
  });

  it('sends calls on the call channel as {method, params}', async () => {
    const ipc = fakeIpc(async () => ({ ok: true, result: { phase: 'attract', lastEndReason: null } }));
    const response = await createPreloadBridge(ipc).call('session.end', {});
    expect(ipc.invoke).toHaveBeenCalledWith(IPC_CALL_CHANNEL, { method: 'session.end', params: {} });
    expect(response).toEqual({ ok: true, result: { phase: 'attract', lastEndReason: null } });
  });

  it('turns a failed invoke into a typed unavailable error', async () => {
    const response = await createPreloadBridge(fakeIpc(() => Promise.reject(new Error('gone')))).call('session.end', {});
    expect(response).toEqual({ ok: false, error: { code: 'unavailable', message: expect.any(String) } });
  });

  it('hands listeners the event message only, never the IpcRendererEvent, and unsubscribes', () => {
    const ipc = fakeIpc(async () => null);
    const listener = vi.fn();
    const stop = createPreloadBridge(ipc).subscribe(listener);
    const ipcEvent = { sender: { send: () => undefined } };
    const message = { event: 'platform.status', payload: { reachable: true, checkedAt: null } };
    ipc.emit(IPC_EVENT_CHANNEL, ipcEvent, message);
    expect(listener).toHaveBeenCalledWith(message);
    expect(listener.mock.calls[0]).toHaveLength(1);
    stop();
    ipc.emit(IPC_EVENT_CHANNEL, ipcEvent, message);
    expect(listener).toHaveBeenCalledOnce();
    expect(ipc.listenerCount(IPC_EVENT_CHANNEL)).toBe(0);
  });
});
