import type { CallResponse, KioskEvent } from '../api/index.ts';

/**
 * The loopback WebSocket's frames. Shared by the host side and the page bridge, so this file holds types and
 * constants only (the page bridge must not pull zod into the page).
 */

/** From the page: a call with an id that its answer will carry. */
export interface PageFrame {
  type: 'call';
  id: number;
  method: string;
  params: unknown;
}

/** From the host: answers to calls, pushed events, and a complaint about a frame it could not read. */
export type HostFrame =
  | { type: 'result'; id: number; response: CallResponse }
  | { type: 'event'; event: KioskEvent }
  | { type: 'bad-frame'; message: string };

export const WEBSOCKET_PATH = '/__kiosk/ws';
export const PAGE_BRIDGE_PATH = '/__kiosk/bridge.js';
/** The largest frame the host reads from the page: a camera frame of a document (the contract caps it at 12 MB of base64). */
export const MAX_PAGE_FRAME_BYTES = 16 * 1024 * 1024;
