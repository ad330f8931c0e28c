import { sessionStateSchema } from './session.ts';
import { identifyStateSchema } from './identify.ts';
import { platformStatusSchema } from './platform.ts';
import { scanStateSchema } from './scan.ts';
import { depositOutcomeSchema, dropOffOutcomeSchema, pickupOutcomeSchema } from './lockers.ts';
import { z } from 'zod';

interface EventSpec<P extends z.ZodType> {
  readonly summary: string;
  readonly payload: P;
}
const event = <P extends z.ZodType>(spec: EventSpec<P>): EventSpec<P> => spec;

/** Events the host pushes to the page. */
export const kioskEvents = {
  'session.state': event({
    summary:
      'The session changed phase, or the idle warning counted down one second. The page mirrors it: attract ' +
      'means the session is over and every screen state must be dropped.',
    payload: sessionStateSchema,
  }),
  'identify.state': event({
    summary: 'The identify step changed: waiting (reader online or not), reading, done, or failed with a reason.',
    payload: identifyStateSchema,
  }),
  'scan.state': event({
    summary: 'The scan step changed: waiting, looking up, the case found, or failed with a reason.',
    payload: scanStateSchema,
  }),
  'lockers.pickup.codeScanned': event({
    summary: 'A scanner read a code while the pickup screen was open; the page passes it to lockers.pickup.enterCode.',
    payload: z.object({ code: z.string() }).strict(),
  }),
  'lockers.pickup.outcome': event({
    summary: 'The door opened for the citizen closed: the item was collected, or it is still inside.',
    payload: pickupOutcomeSchema,
  }),
  'lockers.dropOff.outcome': event({
    summary: 'The door opened for a drop-off closed: the materials were received, or nothing was put in.',
    payload: dropOffOutcomeSchema,
  }),
  'lockers.deposit.outcome': event({
    summary: 'The door opened for a staff deposit closed: registered (and whether the pickup code went out), or not.',
    payload: depositOutcomeSchema,
  }),
  'terminal.outOfService': event({
    summary: 'Staff took the terminal out of service, or put it back: the page shows the out-of-service screen, or the attract screen.',
    payload: z.object({ outOfService: z.boolean() }).strict(),
  }),
  'platform.status': event({
    summary: 'The platform became reachable or unreachable.',
    payload: platformStatusSchema,
  }),
} as const;

export type KioskEvents = typeof kioskEvents;
export type EventName = keyof KioskEvents;
export type EventPayload<E extends EventName> = z.output<KioskEvents[E]['payload']>;
export type KioskEvent = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];
