import type { MethodName } from '../../api/index.ts';
import type { StaffDesk } from '../../lockers/staff-desk.ts';
import type { TerminalOperations, Operator } from '../terminal-operations.ts';
import type { HostContext } from '../host-context.ts';
import { ready, unavailable, type Capability } from './capability.ts';
import { unavailableMethods } from './unavailable-methods.ts';

export const MAINTENANCE_METHODS = [
  'maintenance.overview',
  'maintenance.testPrint',
  'maintenance.reloadCatalogue',
  'maintenance.retryOutbox',
  'maintenance.restartKiosk',
  'maintenance.setOutOfService',
] as const satisfies readonly MethodName[];
type MaintenanceMethod = (typeof MAINTENANCE_METHODS)[number];

/**
 * The maintenance screen's tasks for the signed-in staff member (docs/maintenance.md): the devices' health and last
 * errors, a test page, a catalogue sync, the outbox retried now, the kiosk restarted, the terminal out of service and
 * back. Each needs the staff desk's signed-in member (so never within a citizen session) and is recorded in the audit
 * log before it is done (terminal-operations.ts): staff work is never done unrecorded.
 */
export const maintenanceCapability = (context: HostContext, desk: StaffDesk | null, operations: TerminalOperations) => {
  const { log, outOfService } = context;
  if (desk === null) {
    return {
      name: 'maintenance',
      available: false,
      homeEntries: [],
      health: () => unavailable('no staff accounts file configured'),
      handlers: unavailableMethods(MAINTENANCE_METHODS, 'this terminal has no staff accounts file'),
    } satisfies Capability<MaintenanceMethod> & Record<string, unknown>;
  }

  /** The signed-in staff member, as who asks. */
  const staffMember = (): Operator => {
    const staffId = desk.require();
    return { actor: `staff:${staffId}`, who: `staff ${staffId}` };
  };

  const handlers: Capability<MaintenanceMethod>['handlers'] = {
    'maintenance.overview': () => {
      desk.require();
      return { devices: operations.deviceList(), outbox: operations.outboxState(), catalogue: operations.catalogueStatus(), outOfService: outOfService.on };
    },
    'maintenance.testPrint': () => operations.testPrint(staffMember()),
    'maintenance.reloadCatalogue': () => operations.reloadCatalogue(staffMember()),
    'maintenance.retryOutbox': () => operations.retryOutbox(staffMember()),
    'maintenance.restartKiosk': () => {
      const staff = staffMember();
      const answer = operations.restart(staff, 'restart asked for in maintenance mode');
      desk.signOut('the kiosk restarts');
      log.warn({ by: staff.who }, 'kiosk restart asked for by staff');
      return answer;
    },
    'maintenance.setOutOfService': ({ outOfService: wanted }) => {
      const staff = staffMember();
      return operations.setOutOfService(staff, wanted, wanted ? 'taken out of service in maintenance mode' : 'back in service from maintenance mode');
    },
  };

  return {
    name: 'maintenance',
    available: true,
    homeEntries: [],
    health: () => (outOfService.on ? { state: 'degraded' as const, reason: 'out of service (staff)' } : ready),
    handlers,
  } satisfies Capability<MaintenanceMethod> & Record<string, unknown>;
};
