import { ApiFailure } from '../api-failure.ts';
import type { HostContext } from '../host-context.ts';
import { ready, type Capability } from './capability.ts';

/** The citizen session: started from the attract screen, kept alive by activity, ended by the citizen or the idle timer. */
export const sessionCapability = ({ session, outOfService }: HostContext) =>
  ({
    name: 'session',
    homeEntries: [],
    health: () => ready,
    handlers: {
      'session.start': () => {
        // Out of service, the page shows the out-of-service screen: a session started anyway would be refused here.
        if (outOfService.on) throw new ApiFailure('unavailable', 'the terminal is out of service');
        return session.start();
      },
      'session.activity': () => session.recordActivity(),
      'session.extend': () => session.extend(),
      'session.end': () => session.end('citizen'),
      'session.setLocale': ({ locale }) => session.setLocale(locale),
    },
  }) satisfies Capability<'session.start' | 'session.activity' | 'session.extend' | 'session.end' | 'session.setLocale'>;
