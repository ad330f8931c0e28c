import { useEffect, useRef, useState } from 'react';
import type { ApiErrorCode, DepositOutcome, DoorSize } from '../../../main/api/index.ts';
import { callHost, subscribeToHost } from '../../kiosk-api.ts';
import { staffFailureOf } from './staff-failure.ts';

export interface DepositRequest {
  caseNumber: string;
  recipientIdNumber: string;
  itemName: string;
  size: DoorSize;
}

export type DepositState =
  | { phase: 'form' }
  | { phase: 'opening' }
  /** No door opened: none of that size (or larger) is free, or the cabinet did not answer; the form stays filled. */
  | { phase: 'refused'; reason: 'no-free-door' | 'not-answering' }
  | { phase: 'failed'; code: ApiErrorCode }
  | { phase: 'open'; cabinet: string; door: number; size: DoorSize; itemName: string; cancelled: boolean; cancelFailed: ApiErrorCode | null }
  | { phase: 'settled'; outcome: DepositOutcome; itemName: string };

type Open = Extract<DepositState, { phase: 'open' }>;
const sameDoor = (open: { cabinet: string; door: number }, outcome: DepositOutcome) => open.cabinet === outcome.cabinet && open.door === outcome.door;

/**
 * One staff deposit at a time: the request opens a free door of the size; the staff member puts the item in and
 * closes it (or cancels first); the host's lockers.deposit.outcome event says what became of it.
 */
export const useStaffDeposit = (onSignedOut: () => void) => {
  const [state, setState] = useState<DepositState>({ phase: 'form' });
  // An outcome heard while the door's opening was still on its way back (a door shut at once).
  const early = useRef<DepositOutcome | null>(null);
  const signedOut = useRef(onSignedOut);
  useEffect(() => {
    signedOut.current = onSignedOut;
  });

  // The state as last rendered, for the host's events.
  const current = useRef(state);
  useEffect(() => {
    current.current = state;
  });

  useEffect(
    () =>
      subscribeToHost((message) => {
        if (message.event !== 'lockers.deposit.outcome') return;
        const outcome = message.payload;
        const now = current.current;
        if (now.phase === 'opening') early.current = outcome;
        else if (now.phase === 'open' && sameDoor(now, outcome)) setState({ phase: 'settled', outcome, itemName: now.itemName });
      }),
    [],
  );

  const fail = async (error: unknown, show: (code: ApiErrorCode) => void) => {
    const failure = await staffFailureOf(error);
    if (failure === 'signed-out') signedOut.current();
    else show(failure);
  };

  const begin = (request: DepositRequest) => {
    if (state.phase === 'opening') return;
    early.current = null;
    current.current = { phase: 'opening' };
    setState(current.current);
    callHost('lockers.deposit.begin', request).then(
      (opening) => {
        if (opening.status !== 'open') return setState({ phase: 'refused', reason: opening.status });
        const open: Open = { phase: 'open', cabinet: opening.cabinet, door: opening.door, size: opening.size, itemName: request.itemName, cancelled: false, cancelFailed: null };
        const outcome = early.current;
        // Set at once, not when rendered: the outcome event may come before the next render.
        current.current = outcome !== null && sameDoor(open, outcome) ? { phase: 'settled', outcome, itemName: request.itemName } : open;
        setState(current.current);
      },
      (error: unknown) => fail(error, (code) => setState({ phase: 'failed', code })),
    );
  };

  const cancel = () => {
    const onOpen = (change: Partial<Open>) => setState((now) => (now.phase === 'open' ? { ...now, ...change } : now));
    callHost('lockers.deposit.cancel', {}).then(
      () => onOpen({ cancelled: true, cancelFailed: null }),
      // invalid-state: the door closed meanwhile, and its outcome is on its way.
      (error: unknown) =>
        fail(error, (code) => {
          if (code !== 'invalid-state') onOpen({ cancelFailed: code });
        }),
    );
  };

  return { state, begin, cancel, again: () => setState({ phase: 'form' }) };
};
