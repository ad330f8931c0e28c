import type { HelpAnswer } from '../../api/help.ts';
import { staffOnSiteAt } from '../../session/staff-presence.ts';
import type { HostContext } from '../host-context.ts';
import { ready, type Capability } from './capability.ts';

/** A citizen pressing 呼叫工作人员 again within this long is told again, but the operator is not alerted again. */
export const HELP_ALERT_INTERVAL_MS = 3 * 60_000;

/**
 * 呼叫工作人员 (call staff), on every screen: a help-requested alert for the operator (the fleet carries it, the
 * journal keeps it), and the citizen told that someone is coming — or, where the hall has no staff on site now, the
 * hotline to call.
 */
export const helpCapability = ({ config, clock, alerts, session }: HostContext) => {
  let lastAlertAt: number | null = null;
  return {
    name: 'help',
    homeEntries: [],
    health: () => ready,
    handlers: {
      'help.call': ({ screen }): HelpAnswer => {
        const now = clock.now();
        const staffComing = staffOnSiteAt(config.help.staffOnSite, new Date(now), config.help.timeZone ?? config.timeZone);
        const hotline = config.help.hotline ?? config.receipt.hotline;
        const alerted = lastAlertAt === null || now - lastAlertAt >= HELP_ALERT_INTERVAL_MS;
        if (alerted) {
          lastAlertAt = now;
          const state = session.state;
          const who = state.phase === 'attract' ? 'before starting' : state.citizen === null ? 'in a session' : 'in an identified session';
          alerts.raise('help-requested', `a citizen asks for help on the ${screen} screen (${who}); ${staffComing ? 'staff on site were told' : `no staff on site: told to call ${hotline}`}`, {
            screen,
            staffOnSite: staffComing,
          });
        }
        return { staffComing, hotline, alerted };
      },
    },
  } satisfies Capability<'help.call'>;
};
