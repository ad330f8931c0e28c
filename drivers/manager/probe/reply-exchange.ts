import type { DriverClock } from '../../clock/driver-clock.ts';
import type { Transport } from '../../transport/transport.ts';
import type { Handshake, ReplyVerdict } from './handshakes.ts';

export interface ExchangeTiming {
  /** How long the device has to answer. */
  replyTimeoutMs: number;
  /** Silence that ends a frame of open length (the generic 8A read-all reply). */
  silenceMs: number;
}

/**
 * Sends a handshake's request on an open line and waits for its answer: true as soon as the bytes make one, false on
 * silence past the timeout, on bytes that cannot be its answer, or when the write fails. Bytes that arrived before
 * the request are not heard (a late answer to an earlier handshake).
 */
export const exchangeHandshake = (transport: Transport, handshake: Handshake, timing: ExchangeTiming, clock: DriverClock): Promise<boolean> =>
  new Promise((resolve) => {
    const recogniser = handshake.recogniser();
    let done = false;
    let silence: unknown = null;
    const finish = (answered: boolean) => {
      if (done) return;
      done = true;
      clock.clearTimeout(deadline);
      if (silence !== null) clock.clearTimeout(silence);
      transport.off('data', hear);
      resolve(answered);
    };
    const judge = (verdict: ReplyVerdict) => {
      if (verdict !== 'waiting') finish(verdict === 'answered');
    };
    const hear = (chunk: Uint8Array) => {
      judge(recogniser.take(chunk));
      if (done) return;
      if (silence !== null) clock.clearTimeout(silence);
      silence = clock.setTimeout(() => {
        silence = null;
        if (!done) judge(recogniser.quiet());
      }, timing.silenceMs);
    };
    const deadline = clock.setTimeout(() => finish(false), timing.replyTimeoutMs);
    transport.on('data', hear);
    transport.write(handshake.request).catch(() => finish(false));
  });
