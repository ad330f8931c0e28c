import { describe, expect, it } from 'vitest';
import { kioskMethods, type MethodName } from '../../../main/api/index.ts';
import type { MethodHandlers } from '../../../main/host/api-dispatcher.ts';
import { ready, type Capability } from '../../../main/host/capabilities/capability.ts';
import { contractHandlers } from '../../../main/host/capabilities/contract-coverage.ts';
import { unavailableMethods } from '../../../main/host/capabilities/unavailable-methods.ts';

const names = Object.keys(kioskMethods) as MethodName[];
const capabilityOf = <M extends MethodName>(methods: readonly M[]) =>
  ({ name: methods.join(','), homeEntries: [], health: () => ready, handlers: unavailableMethods(methods, 'test') }) satisfies Capability<M>;

const hello = capabilityOf(['kiosk.hello']);
const session = capabilityOf(['session.start', 'session.activity', 'session.extend', 'session.end', 'session.setLocale']);
const rest = capabilityOf(names.filter((name): name is Exclude<MethodName, 'kiosk.hello' | (typeof session.handlers extends Record<infer K, unknown> ? K : never)> => !['kiosk.hello', 'session.start', 'session.activity', 'session.extend', 'session.end', 'session.setLocale'].includes(name)));

describe('the capabilities cover the contract exactly once (checked by tsc)', () => {
  it('builds the handler map when every method is answered once', () => {
    const handlers: MethodHandlers = contractHandlers([hello, session, rest] as const);
    expect(Object.keys(handlers).sort()).toEqual([...names].sort());
  });

  // Fails at `npm run typecheck`: an @ts-expect-error that expects no error is itself an error.
  it('does not compile with a method missing or answered twice', () => {
    // @ts-expect-error session.* is answered by nobody
    contractHandlers([hello, rest] as const);
    // @ts-expect-error kiosk.hello is answered twice
    contractHandlers([hello, session, rest, hello] as const);
  });
});
