import type { HostContext } from '../host-context.ts';
import { ready, type Capability } from './capability.ts';

/**
 * The platform link: reachability (offline is a state the screen shows honestly), the terminal's enrolment, and the
 * courier delivering the outbox. Started first, so the terminal is registered before the first delivery; stopped
 * first, so nothing is delivered into a service that is closing.
 */
export const platformCapability = ({ log, reachability, enrolment, outbox, courier }: HostContext) =>
  ({
    name: 'platform',
    homeEntries: [],
    health: () => {
      if (!reachability.status.reachable) return { state: 'degraded' as const, reason: 'platform not reachable; cases wait in the outbox' };
      if (!enrolment.registered) return { state: 'degraded' as const, reason: 'terminal not registered with the platform' };
      return ready;
    },
    async start() {
      reachability.start();
      // Registered before the first citizen's request needs it (when the platform answers; else when it is back).
      await enrolment.enrol();
      const waiting = outbox.counts();
      log.info({ queued: waiting.queued + waiting.sending, needsAttention: waiting['needs-attention'] }, 'outbox opened');
      courier.start();
    },
    async stop() {
      enrolment.stop();
      reachability.stop();
      await courier.stop();
    },
    handlers: {
      'platform.status': () => reachability.status,
    },
  }) satisfies Capability<'platform.status'>;
