import { describe, expect, it } from 'vitest';
import { answerRpc, checkRpcRequest, RPC_METHOD_NAMES } from '../../../main/fleet/fleet-rpc.ts';
import type { RemoteActions } from '../../../main/fleet/fleet-terminal.ts';

const request = (method: string, params?: unknown) => JSON.stringify(params === undefined ? { method } : { method, params });
const problemOf = (text: string): string => {
  const checked = checkRpcRequest(text);
  if (checked.ok) throw new Error(`accepted ${text}`);
  return checked.error;
};

describe('checkRpcRequest', () => {
  it('knows the eight remote actions', () => {
    expect(RPC_METHOD_NAMES.toSorted()).toEqual(['getDeviceStates', 'getOutbox', 'openLockerDoor', 'printTestPage', 'reloadCatalogue', 'restart', 'setLogLevel', 'setOutOfService']);
  });

  it.each([
    ['getDeviceStates', {}],
    ['getOutbox', undefined],
    ['reloadCatalogue', null],
    ['restart', {}],
    ['printTestPage', {}],
    ['setOutOfService', { on: false }],
    ['openLockerDoor', { cabinet: 'A', door: 1 }],
    ['setLogLevel', { level: 'trace', minutes: 1440 }],
    ['setLogLevel', { level: 'fatal', minutes: 1 }],
  ])('accepts %s with %j', (method, params) => {
    expect(checkRpcRequest(request(method, params))).toMatchObject({ ok: true, method });
  });

  it.each([
    ['setOutOfService', {}, /^bad params for setOutOfService: on: /],
    ['setOutOfService', { on: 'yes' }, /on: /],
    ['openLockerDoor', { cabinet: 'A', door: 0 }, /door: /],
    ['openLockerDoor', { cabinet: 'A', door: 1.5 }, /door: /],
    ['openLockerDoor', { cabinet: '', door: 1 }, /cabinet: /],
    ['openLockerDoor', { door: 1 }, /cabinet: /],
    ['setLogLevel', { level: 'loud', minutes: 5 }, /level: /],
    ['setLogLevel', { level: 'info', minutes: 0 }, /minutes: /],
    ['setLogLevel', { level: 'info', minutes: 1441 }, /minutes: /],
    ['setLogLevel', { level: 'info' }, /minutes: /],
    ['restart', { now: true }, /^bad params for restart/],
    ['getOutbox', 'all', /^bad params for getOutbox/],
  ])('refuses %s with %j, naming the problem', (method, params, problem) => {
    expect(problemOf(request(method, params))).toMatch(problem);
  });

  it('refuses an unknown method by its name, and never takes an inherited property for a method', () => {
    expect(problemOf(request('format'))).toBe('unknown method "format"');
    expect(problemOf(request('toString'))).toBe('unknown method "toString"');
    expect(problemOf(request('__proto__'))).toBe('unknown method "__proto__"');
  });

  it('refuses what is not a request', () => {
    expect(problemOf('{"method":')).toMatch(/^the request is not JSON: /);
    expect(problemOf('[]')).toMatch(/^malformed request: /);
    expect(problemOf('{"params": {}}')).toMatch(/^malformed request: method: /);
    expect(problemOf('{"method": 7}')).toMatch(/^malformed request: method: /);
    expect(problemOf('null')).toMatch(/^malformed request/);
  });
});

describe('answerRpc', () => {
  const calls: unknown[][] = [];
  const actions: RemoteActions = {
    getDeviceStates: () => ({ printer: 'ready' }),
    getOutbox: () => ({ queued: 0 }),
    reloadCatalogue: async () => {
      throw new Error('the platform is unreachable');
    },
    setOutOfService: (on) => calls.push(['setOutOfService', on]),
    restart: () => undefined,
    printTestPage: async () => ({ big: 1n }),
    openLockerDoor: async (cabinet, door) => ({ cabinet, door }),
    setLogLevel: () => {
      throw 'not an Error';
    },
  };

  it('answers with the result, {"ok":true} for nothing, or the error', async () => {
    expect(await answerRpc(actions, request('getDeviceStates', {}))).toEqual({ method: 'getDeviceStates', payload: '{"printer":"ready"}', error: null });
    expect((await answerRpc(actions, request('restart'))).payload).toBe('{"ok":true}');
    expect((await answerRpc(actions, request('openLockerDoor', { cabinet: 'B', door: 2 }))).payload).toBe('{"cabinet":"B","door":2}');
    expect(await answerRpc(actions, request('reloadCatalogue'))).toEqual({ method: 'reloadCatalogue', payload: '{"error":"the platform is unreachable"}', error: 'the platform is unreachable' });
    expect(JSON.parse((await answerRpc(actions, request('setLogLevel', { level: 'info', minutes: 5 }))).payload)).toEqual({ error: 'not an Error' });
    expect(JSON.parse((await answerRpc(actions, request('printTestPage'))).payload)).toEqual({ error: expect.stringMatching(/^the result could not be sent/) });
    expect(JSON.parse((await answerRpc(actions, 'nonsense')).payload)).toEqual({ error: expect.stringMatching(/^the request is not JSON/) });
  });

  it('calls the action with the checked params', async () => {
    await answerRpc(actions, request('setOutOfService', { on: true }));
    expect(calls).toEqual([['setOutOfService', true]]);
  });
});
