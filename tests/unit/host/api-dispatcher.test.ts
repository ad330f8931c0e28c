import { describe, expect, it, vi } from 'vitest';
import { createApiDispatcher, type MethodHandlers } from '../../../main/host/api-dispatcher.ts';
import { ApiFailure } from '../../../main/host/api-failure.ts';
import { LOCKER_METHODS } from '../../../main/host/capabilities/locker-capability.ts';
import { MAINTENANCE_METHODS } from '../../../main/host/capabilities/maintenance-capability.ts';
import { STAFF_METHODS } from '../../../main/host/capabilities/staff-capability.ts';
import { unavailableMethods } from '../../../main/host/capabilities/unavailable-methods.ts';
import { ServiceRefused } from '../../../main/common/service-refused.ts';
import { silentLog } from '../../support/silent-log.ts';

const attract = { phase: 'attract', lastEndReason: null } as const;

const handlers = (): MethodHandlers => ({
  'kiosk.hello': vi.fn(() => {
    throw new ApiFailure('version-mismatch', 'old page');
  }),
  'session.start': vi.fn(() => ({ phase: 'active', sessionId: 'x', locale: 'zh-CN', citizen: null, secondsLeft: 110 }) as const),
  'session.activity': vi.fn(() => attract),
  'session.extend': vi.fn(() => {
    throw new Error('database exploded at /var/secret/path');
  }),
  'session.end': vi.fn(() => ({ phase: 'nonsense' }) as never),
  'help.call': vi.fn(() => ({ staffComing: true, hotline: '12345', alerted: true })),
  'session.setLocale': vi.fn(() => attract),
  'identify.start': vi.fn(() => ({ phase: 'waiting', readerOnline: true, cardLeft: false, secondsLeft: 30 }) as const),
  'identify.cancel': vi.fn(() => ({ phase: 'idle' }) as const),
  'cases.mine': vi.fn(() => ({ source: 'platform' as const, cases: [], onTerminal: [] })),
  'cases.printProgress': vi.fn(() => ({ printed: true }) as const),
  'scan.start': vi.fn(() => ({ phase: 'waiting' }) as const),
  'scan.cancel': vi.fn(() => ({ phase: 'idle' }) as const),
  'scan.keyboardCode': vi.fn(() => ({ phase: 'waiting' }) as const),
  'catalogue.status': vi.fn(() => ({ loaded: false, version: null, guides: 0 })),
  'catalogue.search': vi.fn(() => ({ results: [], more: false })),
  'catalogue.browse': vi.fn(() => ({ themes: [], departments: [], bundles: [] })),
  'catalogue.list': vi.fn(() => ({ results: [] })),
  'catalogue.bundle': vi.fn(() => null),
  'catalogue.guide': vi.fn(() => ({ guide: null })),
  'application.start': vi.fn(() => never()),
  'application.view': vi.fn(() => never()),
  'application.fill': vi.fn(() => never()),
  'application.provide': vi.fn(() => never()),
  'application.submit': vi.fn(() => never()),
  'application.printReceipt': vi.fn(() => ({ printed: true }) as const),
  'application.rate': vi.fn(() => ({ saved: true }) as const),
  'application.cancel': vi.fn(() => ({ cancelled: true }) as const),
  'document.start': vi.fn(() => never()),
  'document.outline': vi.fn(() => ({ corners: null })),
  'document.capture': vi.fn(() => never()),
  'document.scan': vi.fn(() => never()),
  'document.cancel': vi.fn(() => never()),
  'document.movePage': vi.fn(() => never()),
  'document.removePage': vi.fn(() => never()),
  'document.attach': vi.fn(() => never()),
  'document.discard': vi.fn(() => ({ discarded: true }) as const),
  ...unavailableMethods(LOCKER_METHODS, 'this terminal has no lockers'),
  ...unavailableMethods(STAFF_METHODS, 'this terminal has no staff accounts file'),
  ...unavailableMethods(MAINTENANCE_METHODS, 'this terminal has no staff accounts file'),
  'platform.status': vi.fn(() => ({ reachable: true, checkedAt: null })),
});
const never = (): never => {
  throw new ApiFailure('invalid-state', 'not in these tests');
};

describe('API dispatcher: the page is untrusted', () => {
  const setUp = () => {
    const h = handlers();
    return { h, dispatcher: createApiDispatcher(h, silentLog()) };
  };

  it.each([null, 42, 'session.start', [], {}, { method: 5 }, { method: '' }, { method: 'session.start', params: {}, extra: 1 }])(
    'answers invalid-request to the envelope %j',
    async (raw) => {
      const { dispatcher } = setUp();
      expect(await dispatcher.dispatch(raw)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    },
  );

  it('answers unknown-method for a method outside the contract, including prototype names', async () => {
    const { dispatcher } = setUp();
    for (const method of ['session.delete', 'constructor', '__proto__', 'toString']) {
      expect(await dispatcher.dispatch({ method, params: {} }), method).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    }
  });

  it('rejects bad params with the offending path, and runs no handler', async () => {
    const { dispatcher, h } = setUp();
    const response = await dispatcher.dispatch({ method: 'session.setLocale', params: { locale: 'fr' } });
    expect(response).toMatchObject({ ok: false, error: { code: 'invalid-request', issues: [{ path: 'locale' }] } });
    const extra = await dispatcher.dispatch({ method: 'session.start', params: { admin: true } });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(h['session.setLocale']).not.toHaveBeenCalled();
    expect(h['session.start']).not.toHaveBeenCalled();
  });

  it('treats missing params as an empty object', async () => {
    const { dispatcher } = setUp();
    expect(await dispatcher.dispatch({ method: 'session.start' })).toEqual({
      ok: true,
      result: { phase: 'active', sessionId: 'x', locale: 'zh-CN', citizen: null, secondsLeft: 110 },
    });
  });

  it('passes a handler’s typed failure through', async () => {
    const { dispatcher } = setUp();
    expect(await dispatcher.dispatch({ method: 'kiosk.hello', params: { apiVersion: 1 } })).toEqual({
      ok: false,
      error: { code: 'version-mismatch', message: 'old page' },
    });
  });

  it('answers a service’s refusal with its kind, in one place for every service', async () => {
    const h = handlers();
    h['session.setLocale'] = vi.fn(() => {
      throw new ServiceRefused('invalid-request', 'locale en is not offered here');
    });
    const dispatcher = createApiDispatcher(h, silentLog());
    expect(await dispatcher.dispatch({ method: 'session.setLocale', params: { locale: 'en' } })).toEqual({
      ok: false,
      error: { code: 'invalid-request', message: 'locale en is not offered here' },
    });
    expect(await dispatcher.dispatch({ method: 'lockers.overview', params: {} })).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'this terminal has no lockers' },
    });
  });

  it('hides a handler crash behind internal, without its message', async () => {
    const { dispatcher } = setUp();
    const response = await dispatcher.dispatch({ method: 'session.extend', params: {} });
    expect(response).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(response)).not.toContain('/var/secret');
  });

  it('never sends a result the contract does not promise', async () => {
    const { dispatcher } = setUp();
    expect(await dispatcher.dispatch({ method: 'session.end', params: {} })).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
