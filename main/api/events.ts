import type { z } from 'zod';
import { sessionStateSchema } from './session.ts';
import { citizenSummarySchema, identifyStateSchema } from './identify.ts';
import { platformStatusSchema } from './platform.ts';
import { scanStateSchema } from './scan.ts';

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
  'session.identified': event({
    summary: 'The citizen identified: what the screen may show of them. Gone from host and page when the session ends.',
    payload: citizenSummarySchema,
  }),
  'scan.state': event({
    summary: 'The scan step changed: waiting, looking up, the case found, or failed with a reason.',
    payload: scanStateSchema,
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
