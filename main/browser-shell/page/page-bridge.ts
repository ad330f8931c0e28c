import type { CallResponse, KioskBridge, KioskEvent } from '../../api/index.ts';
import { installPageGuards } from './page-guards.ts';
import { PAGE_HEARTBEAT_MS, WEBSOCKET_PATH, type HostFrame, type PageFrame } from '../ws-frames.ts';

/**
 * `window.kiosk` for the browser shell: the same surface the Electron preload gives, carried over the
 * loopback WebSocket. Served by the host before the app's scripts; the session cookie rides along with the
 * WebSocket handshake, so nothing secret is visible to the page.
 */

declare global {
  interface Window {
    kiosk?: KioskBridge;
  }
}

const CONNECT_WAIT_MS = 5000;
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 5000;

const unavailable = (message: string): CallResponse => ({ ok: false, error: { code: 'unavailable', message } });

const eventListeners = new Set<(event: KioskEvent) => void>();
const connectionListeners = new Set<(connected: boolean) => void>();
const pending = new Map<number, (response: CallResponse) => void>();
let socket: WebSocket | null = null;
let connected = false;
let nextId = 1;
let retryMs = RETRY_MIN_MS;

const setConnected = (value: boolean) => {
  if (value === connected) return;
  connected = value;
  for (const listener of connectionListeners) listener(value);
};

const connect = () => {
  const ws = new WebSocket(`ws://${location.host}${WEBSOCKET_PATH}`);
  socket = ws;
  let heartbeat: ReturnType<typeof setInterval> | null = null;
  ws.addEventListener('open', () => {
    retryMs = RETRY_MIN_MS;
    setConnected(true);
    const beat: PageFrame = { type: 'heartbeat' };
    heartbeat = setInterval(() => ws.readyState === WebSocket.OPEN && ws.send(JSON.stringify(beat)), PAGE_HEARTBEAT_MS);
  });
  ws.addEventListener('message', (message: MessageEvent<unknown>) => {
    if (typeof message.data !== 'string') return;
    const frame = JSON.parse(message.data) as HostFrame;
    if (frame.type === 'result') {
      pending.get(frame.id)?.(frame.response);
      pending.delete(frame.id);
    } else if (frame.type === 'event') {
      for (const listener of eventListeners) listener(frame.event);
    } else {
      console.error('kiosk host refused a frame:', frame.message);
    }
  });
  ws.addEventListener('close', () => {
    if (heartbeat !== null) clearInterval(heartbeat);
    socket = null;
    for (const resolve of pending.values()) resolve(unavailable('connection to the kiosk host was lost'));
    pending.clear();
    setConnected(false);
    setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
  });
};

const whenOpen = (): Promise<WebSocket | null> =>
  new Promise((resolve) => {
    const ws = socket;
    if (ws === null || ws.readyState === WebSocket.CLOSING || ws.readyState === WebSocket.CLOSED) return resolve(null);
    if (ws.readyState === WebSocket.OPEN) return resolve(ws);
    const timer = setTimeout(() => resolve(null), CONNECT_WAIT_MS);
    ws.addEventListener('open', () => (clearTimeout(timer), resolve(ws)), { once: true });
    ws.addEventListener('close', () => (clearTimeout(timer), resolve(null)), { once: true });
  });

const bridge: KioskBridge = Object.freeze({
  async call(method: string, params: unknown): Promise<CallResponse> {
    const ws = await whenOpen();
    if (ws === null) return unavailable('the kiosk host is not reachable');
    const id = nextId++;
    const frame: PageFrame = { type: 'call', id, method, params };
    let text: string;
    try {
      text = JSON.stringify(frame);
    } catch {
      return { ok: false, error: { code: 'invalid-request', message: 'the params cannot be sent (not JSON)' } };
    }
    return new Promise<CallResponse>((resolve) => {
      pending.set(id, resolve);
      ws.send(text);
    });
  },
  subscribe(listener: (event: KioskEvent) => void) {
    eventListeners.add(listener);
    return () => void eventListeners.delete(listener);
  },
  onConnectionChange(listener: (connected: boolean) => void) {
    connectionListeners.add(listener);
    listener(connected);
    return () => void connectionListeners.delete(listener);
  },
});

Object.defineProperty(window, 'kiosk', { value: bridge, writable: false, configurable: false });

installPageGuards();
connect();
