import { IdentifyStep } from '../../session/identify-step.ts';
import type { HostContext } from '../host-context.ts';
import { ready, unavailable, type Capability } from './capability.ts';
import { unavailableMethods } from './unavailable-methods.ts';

const METHODS = ['identify.start', 'identify.cancel'] as const;

/**
 * Identifying the citizen with their ID card, on a terminal with a reader. A reader missing at start is not an error:
 * its transport keeps looking for it, and the identify screen says "call staff" until it is back.
 */
export const identifyCapability = ({ config, log, events, session, devices, clock }: HostContext) => {
  const device = devices.idCardReader;
  const step =
    device === null
      ? null
      : new IdentifyStep({
          reader: device.reader,
          session,
          timeoutMs: config.session.identifyTimeoutSeconds * 1000,
          clock,
          photoDecoder: device.photoDecoder,
          onChange: (state) => events.emit('identify.state', state),
          onReaderTrouble: (code) => log.warn({ device: device.id, code }, 'ID card reader trouble during identify'),
        });
  return {
    name: 'identify',
    available: step !== null,
    homeEntries: [],
    state: () => step?.state ?? { phase: 'idle' as const },
    health: () => {
      if (device === null) return unavailable('no ID card reader configured');
      return device.reader.state === 'ready' ? ready : { state: 'degraded' as const, reason: `ID card reader ${device.reader.state}` };
    },
    handlers:
      step === null
        ? { ...unavailableMethods(METHODS, 'this terminal has no ID card reader'), 'identify.cancel': () => ({ phase: 'idle' as const }) }
        : { 'identify.start': () => step.start(), 'identify.cancel': () => step.cancel() },
  } satisfies Capability<(typeof METHODS)[number]> & Record<string, unknown>;
};
