import { API_VERSION, type HomeEntry, type MethodResult } from '../../api/index.ts';
import { ApiFailure } from '../api-failure.ts';
import type { HostContext } from '../host-context.ts';
import { ready, type Capability } from './capability.ts';

type HelloResult = MethodResult<'kiosk.hello'>;

/** What the page learns when it connects: the other capabilities' parts of the hello. */
export interface TerminalFacts {
  homeEntries: readonly HomeEntry[];
  capabilities: HelloResult['capabilities'];
  identify: () => HelloResult['identify'];
  scan: () => HelloResult['scan'];
  /** Tells the other capabilities that a page arrived (see Capability.pageArrived). */
  pageArrived: () => void;
}

/** The terminal as the page first meets it: contract version, hall, languages, home entries, and every state now. */
export const terminalCapability = ({ config, session, reachability, outOfService }: HostContext, facts: TerminalFacts) =>
  ({
    name: 'terminal',
    homeEntries: [],
    health: () => ready,
    handlers: {
      'kiosk.hello': ({ apiVersion }) => {
        if (apiVersion !== API_VERSION) {
          throw new ApiFailure('version-mismatch', `page speaks contract v${apiVersion}, host speaks v${API_VERSION}`);
        }
        facts.pageArrived();
        return {
          apiVersion: API_VERSION,
          terminal: { id: config.terminalId, hallName: config.hallName, lockedDown: config.browserShell.requireLockdown, timeZone: config.timeZone },
          defaultLocale: config.defaultLocale,
          locales: config.locales,
          homeEntries: [...facts.homeEntries],
          attract: config.attract,
          capabilities: facts.capabilities,
          outOfService: outOfService.on,
          finishSeconds: config.session.finishSeconds,
          session: session.state,
          platform: reachability.status,
          identify: facts.identify(),
          scan: facts.scan(),
        };
      },
    },
  }) satisfies Capability<'kiosk.hello'>;
