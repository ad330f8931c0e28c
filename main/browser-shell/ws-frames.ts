import type { CallResponse, KioskEvent } from '../api/index.ts';

/**
 * The loopback WebSocket's frames. Shared by the host side and the page bridge, so this file holds types and
 * constants only (the page bridge must not pull zod into the page).
 */

/** From the page: a call with an id that its answer will carry, or the heartbeat that says its script still runs. */
export type PageFrame =
  | {
      type: 'call';
      id: number;
      method: string;
      params: unknown;
    }
  | { type: 'heartbeat' };

/**
 * How often the page's script says it is alive. The browser answers WebSocket pings itself, even with the page's
 * script hung, so liveness is a frame the script sends.
 */
export const PAGE_HEARTBEAT_MS = 2000;

/** From the host: answers to calls, pushed events, and a complaint about a frame it could not read. */
export type HostFrame =
  | { type: 'result'; id: number; response: CallResponse }
  | { type: 'event'; event: KioskEvent }
  | { type: 'bad-frame'; message: string };

export const WEBSOCKET_PATH = '/__kiosk/ws';
export const PAGE_BRIDGE_PATH = '/__kiosk/bridge.js';
/** The largest frame the host reads from the page: a camera frame of a document (the contract caps it at 12 MB of base64). */
export const MAX_PAGE_FRAME_BYTES = 16 * 1024 * 1024;
