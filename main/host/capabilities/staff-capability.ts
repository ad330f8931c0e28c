import path from 'node:path';
import { staffSettingsOf } from '../../config/staff-config.ts';
import { AttemptLimiter } from '../../lockers/attempt-limiter.ts';
import { loadStaffAccounts } from '../../lockers/staff-accounts.ts';
import { StaffDesk } from '../../lockers/staff-desk.ts';
import { openStaffSignInFailures } from '../../lockers/staff-sign-in-failures.ts';
import type { HostContext } from '../host-context.ts';
import { ready, unavailable, type Capability } from './capability.ts';
import { unavailableMethods } from './unavailable-methods.ts';

export const STAFF_METHODS = ['staff.signIn', 'staff.signOut'] as const;
type StaffMethod = (typeof STAFF_METHODS)[number];

const minutes = (count: number) => count * 60_000;

/**
 * The staff desk of maintenance mode, on every terminal with a staff accounts file (`staff.accounts`, or
 * `lockers.staffAccounts`): sign-in with lockouts, the staff session, sign-out. The lockers and the maintenance
 * screen's tasks (`desk`) require its signed-in staff member. Failed sign-ins are kept in `staff.sqlite`.
 */
export const staffCapability = (context: HostContext) => {
  const { config, log, clock, session, audit } = context;
  const settings = staffSettingsOf(config);
  if (settings === null) {
    return {
      name: 'staff',
      available: false,
      desk: null,
      homeEntries: [],
      health: () => unavailable('no staff accounts file configured'),
      handlers: unavailableMethods(STAFF_METHODS, 'this terminal has no staff accounts file'),
    } satisfies Capability<StaffMethod> & Record<string, unknown>;
  }
  const failures = openStaffSignInFailures(path.join(config.dataDir, 'staff.sqlite'));
  const rule = (maxFailures: number) => ({ maxFailures, windowMs: minutes(settings.lockout.minutes), lockMs: minutes(settings.lockout.minutes) });
  const desk = new StaffDesk({
    accounts: loadStaffAccounts(settings.accounts),
    limiter: new AttemptLimiter(failures, () => clock.now()),
    clock,
    idleMs: minutes(settings.idleMinutes),
    accountLockout: rule(settings.lockout.perAccount),
    terminalLockout: rule(settings.lockout.perTerminal),
    citizenPresent: () => session.state.phase !== 'attract',
    audit,
  });
  const iso = (time: number) => new Date(time).toISOString();
  return {
    name: 'staff',
    available: true,
    desk,
    homeEntries: [],
    health: () => ready,
    handlers: {
      'staff.signIn': async ({ staffId, password }) => {
        const signIn = await desk.signIn(staffId, password);
        if (signIn.status === 'locked') return { status: 'locked' as const, until: iso(signIn.until) };
        if (signIn.status === 'refused') return signIn;
        log.info({ staffId: signIn.staffId }, 'staff signed in (maintenance mode)');
        return { ...signIn, idleSeconds: settings.idleMinutes * 60 };
      },
      'staff.signOut': () => {
        const staffId = desk.staffId;
        desk.signOut();
        if (staffId !== null) log.info({ staffId }, 'staff signed out');
        return { signedOut: true as const };
      },
    },
    async start() {
      // Failures older than any lockout looks back are of no use.
      failures.pruneFailures(clock.now() - 2 * minutes(settings.lockout.minutes));
    },
    async stop() {
      failures.close();
    },
    pageArrived() {
      // Maintenance mode belongs to the page that signed in: a reloaded page is on the attract screen.
      const staffId = desk.staffId;
      if (staffId === null) return;
      desk.signOut('the page was loaded again');
      log.info({ staffId }, 'staff signed out: the page was loaded again');
    },
  } satisfies Capability<StaffMethod> & Record<string, unknown>;
};
