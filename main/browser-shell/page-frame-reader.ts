import type { RawData } from 'ws';
import { z } from 'zod';
import { callRequestSchema } from '../api/index.ts';
import type { HostFrame } from './ws-frames.ts';

/** A call from the page: the contract's call envelope with the id its answer carries. */
const callFrameSchema = callRequestSchema.extend({ type: z.literal('call'), id: z.number().int().nonnegative() }).strict();
const heartbeatFrameSchema = z.object({ type: z.literal('heartbeat') }).strict();

/** What one frame from the page asks of the host: a call to dispatch, a heartbeat, or an answer at once. */
export type PageFrameReading =
  | { kind: 'call'; id: number; call: { method: string; params?: unknown } }
  | { kind: 'heartbeat' }
  | { kind: 'answer'; frame: HostFrame };

/**
 * Reads a frame from the page's WebSocket (ws-frames.ts). The page is untrusted: anything but a heartbeat or a call
 * envelope is answered, never thrown, and a frame that carries an id is answered under it, so the page's promise
 * settles. Pure: the loopback server does the sending.
 */
export const readPageFrame = (data: RawData, isBinary: boolean): PageFrameReading => {
  if (isBinary) return { kind: 'answer', frame: { type: 'bad-frame', message: 'binary frames are not part of the contract' } };
  let parsed: unknown;
  try {
    parsed = JSON.parse(data.toString());
  } catch {
    return { kind: 'answer', frame: { type: 'bad-frame', message: 'frame is not JSON' } };
  }
  if (heartbeatFrameSchema.safeParse(parsed).success) return { kind: 'heartbeat' };
  const frame = callFrameSchema.safeParse(parsed);
  if (!frame.success) {
    const id = (parsed as { id?: unknown } | null)?.id;
    if (typeof id === 'number' && Number.isInteger(id) && id >= 0) {
      return { kind: 'answer', frame: { type: 'result', id, response: { ok: false, error: { code: 'invalid-request', message: 'not a call envelope {method, params}' } } } };
    }
    return { kind: 'answer', frame: { type: 'bad-frame', message: 'frame is not {type:"call", id, method, params}' } };
  }
  const { id, method, params } = frame.data;
  return { kind: 'call', id, call: { method, params } };
};
