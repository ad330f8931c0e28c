import { z } from 'zod';
import type { RemoteActions } from './fleet-terminal.ts';

/**
 * Server-to-device RPC (ThingsBoard: `rpc/request/<id>` in, `rpc/response/<id>` out; docs/fleet-mqtt.md): the request
 * and each method's params checked with zod, then the terminal's remote action called. Every outcome is an answer:
 * the action's result, or `{"error": "…"}` for an unknown method, bad params, a refused or failed action.
 */

const noParams = z
  .union([z.undefined(), z.null(), z.object({}).strict()])
  .transform(() => ({}));

const RPC_METHODS = {
  getDeviceStates: { params: noParams, call: (actions: RemoteActions) => actions.getDeviceStates() },
  getOutbox: { params: noParams, call: (actions: RemoteActions) => actions.getOutbox() },
  reloadCatalogue: { params: noParams, call: (actions: RemoteActions) => actions.reloadCatalogue() },
  setOutOfService: {
    params: z.object({ on: z.boolean() }).strict(),
    call: (actions: RemoteActions, params: { on: boolean }) => actions.setOutOfService(params.on),
  },
  restart: { params: noParams, call: (actions: RemoteActions) => actions.restart() },
  printTestPage: { params: noParams, call: (actions: RemoteActions) => actions.printTestPage() },
  openLockerDoor: {
    params: z.object({ cabinet: z.string().min(1).max(64), door: z.number().int().min(1) }).strict(),
    call: (actions: RemoteActions, params: { cabinet: string; door: number }) => actions.openLockerDoor(params.cabinet, params.door),
  },
  setLogLevel: {
    params: z.object({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']), minutes: z.number().int().min(1).max(1440) }).strict(),
    call: (actions: RemoteActions, params: { level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace'; minutes: number }) =>
      actions.setLogLevel(params.level, params.minutes),
  },
} as const;

export type RpcMethod = keyof typeof RPC_METHODS;
export const RPC_METHOD_NAMES = Object.keys(RPC_METHODS) as RpcMethod[];

const rpcRequestSchema = z.object({ method: z.string().min(1).max(100), params: z.unknown().optional() });

/** A request checked: the method to call with its params, or the answer to send at once. */
export type CheckedRpc =
  | { ok: true; method: RpcMethod; run: (actions: RemoteActions) => unknown }
  | { ok: false; method: string | null; error: string };

const problemsOf = (error: z.ZodError): string =>
  error.issues.map((issue) => (issue.path.length === 0 ? issue.message : `${issue.path.join('.')}: ${issue.message}`)).join('; ');

const isRpcMethod = (method: string): method is RpcMethod => Object.hasOwn(RPC_METHODS, method);

/** The request's text checked against the methods and their params; never throws. */
export const checkRpcRequest = (text: string): CheckedRpc => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, method: null, error: `the request is not JSON: ${(error as Error).message}` };
  }
  const request = rpcRequestSchema.safeParse(json);
  if (!request.success) return { ok: false, method: null, error: `malformed request: ${problemsOf(request.error)}` };
  const { method } = request.data;
  if (!isRpcMethod(method)) return { ok: false, method, error: `unknown method ${JSON.stringify(method)}` };
  const spec = RPC_METHODS[method];
  const params = spec.params.safeParse(request.data.params);
  if (!params.success) return { ok: false, method, error: `bad params for ${method}: ${problemsOf(params.error)}` };
  // Each spec's call takes what its own params schema gives.
  const call = spec.call as (actions: RemoteActions, params: unknown) => unknown;
  return { ok: true, method, run: (actions) => call(actions, params.data) };
};

/** An action's result as the JSON to answer with: `{"ok": true}` for an action that returns nothing. */
const answerOf = (result: unknown): string => {
  try {
    const text = JSON.stringify(result === undefined ? { ok: true } : result);
    return text ?? JSON.stringify({ ok: true });
  } catch (error) {
    return JSON.stringify({ error: `the result could not be sent: ${(error as Error).message}` });
  }
};

export interface RpcAnswer {
  readonly method: string | null;
  /** The answer's JSON text. */
  readonly payload: string;
  readonly error: string | null;
}

/** Checks the request and runs it: resolves to the answer, never rejects. */
export const answerRpc = async (actions: RemoteActions, text: string): Promise<RpcAnswer> => {
  const checked = checkRpcRequest(text);
  if (!checked.ok) return { method: checked.method, payload: JSON.stringify({ error: checked.error }), error: checked.error };
  try {
    const result: unknown = await checked.run(actions);
    return { method: checked.method, payload: answerOf(result), error: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { method: checked.method, payload: JSON.stringify({ error: message }), error: message };
  }
};
