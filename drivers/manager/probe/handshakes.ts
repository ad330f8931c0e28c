import { SamDeframer } from '../../idcard/sam-deframer.ts';
import { samCommands } from '../../idcard/sam-frame.ts';
import { LOCKER_PROTOCOLS, type LockerProtocolName } from '../../locker/board-protocols.ts';
import { LockerDeframer, type LockerDeframerEvent } from '../../locker/locker-deframer.ts';
import { LockerProtocolError } from '../../locker/locker-protocol-error.ts';
import { realtimeStatusRequest } from '../../printer/escpos-encoder.ts';
import { isRealtimeStatusByte } from '../../printer/printer-status.ts';

/**
 * The harmless questions `kioskctl probe` asks a port, one per protocol, each built from that protocol's own codec:
 * nothing here unlocks, prints or moves paper. A handshake is a request and a way to tell its answer in the bytes
 * that come back, however they are chunked.
 */
export type ReplyVerdict = 'answered' | 'not-this' | 'waiting';

export interface ReplyRecogniser {
  /** More bytes arrived. */
  take(chunk: Uint8Array): ReplyVerdict;
  /** The line has been silent for a moment: a frame whose length was open is complete now. */
  quiet(): ReplyVerdict;
}

export interface Handshake {
  readonly request: Uint8Array;
  recogniser(): ReplyRecogniser;
}

/**
 * DLE EOT 1, the printer status request (escpos-printing.md §3): answered at once, even offline or out of paper, with
 * one byte of the pattern 0xx1xx10; a printer takes it out of band and prints nothing. Any other first byte is not a
 * printer's answer.
 */
export const printerStatusHandshake = (): Handshake => ({
  request: realtimeStatusRequest(1),
  recogniser: () => {
    const judge = (chunk: Uint8Array): ReplyVerdict => {
      const first = chunk[0];
      if (first === undefined) return 'waiting';
      return isRealtimeStatusByte(first) ? 'answered' : 'not-this';
    };
    return { take: judge, quiet: () => 'waiting' };
  },
});

/**
 * SAM status check `11 FF` (idcard-sam-protocol.md §4): touches no card. Any whole SAM frame with a good XOR is a SAM
 * answering, whatever its SW3 (a SAM whose self-test failed, SW3 60, is still the reader on this port); other bytes
 * before it are skipped as the deframer skips vendor noise (§2.3).
 */
export const samStatusHandshake = (): Handshake => ({
  request: samCommands.samStatus(),
  recogniser: () => {
    const deframer = new SamDeframer();
    return {
      take: (chunk) => (deframer.push(chunk).some((event) => event.type === 'frame' && event.frame.body.length >= 3) ? 'answered' : 'waiting'),
      quiet: () => 'waiting',
    };
  },
});

/**
 * One board's status read in its protocol (generic 8A `80 AA 00 33`, Kerong CU16 `0x30`, CU48 `0x50`;
 * locker-boards.md §1–§3): a read, never an unlock. Answered only by that board's own reply to that read.
 */
export const boardStatusHandshake = (protocolName: LockerProtocolName, board: number): Handshake => {
  const protocol = LOCKER_PROTOCOLS[protocolName];
  const query = protocol.readBoard(board, { doors: protocol.defaultDoors, feedback: 'door-closing', byteOrder: 'high-first' });
  return {
    request: query.request,
    recogniser: () => {
      const deframer = new LockerDeframer(protocol.replyShape);
      const judge = (events: LockerDeframerEvent[]): ReplyVerdict =>
        events.some((event) => event.type === 'frame' && !(query.answer(event.raw) instanceof LockerProtocolError)) ? 'answered' : 'waiting';
      return { take: (chunk) => judge(deframer.push(chunk)), quiet: () => judge(deframer.flush()) };
    },
  };
};
