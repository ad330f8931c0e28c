import { z } from 'zod';

/**
 * What the page may ask a terminal (the terminal's RPC methods, main/fleet/fleet-terminal.ts `RemoteActions`) and
 * how it may set a shared attribute: the page's API checks every body against these before the fleet sees it.
 */

const none = z.object({}).strict().optional();

export const RPC_PARAMS = {
  getDeviceStates: none,
  getOutbox: none,
  reloadCatalogue: none,
  setOutOfService: z.object({ on: z.boolean() }).strict(),
  restart: none,
  printTestPage: none,
  openLockerDoor: z.object({ cabinet: z.string().min(1).max(64), door: z.number().int().min(1).max(9999) }).strict(),
  setLogLevel: z.object({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']), minutes: z.number().int().min(1).max(1440) }).strict(),
} as const;
export type RpcMethod = keyof typeof RPC_PARAMS;
export const RPC_METHODS = Object.keys(RPC_PARAMS) as RpcMethod[];

const rpcBodySchema = z
  .object({
    method: z.enum(RPC_METHODS as [RpcMethod, ...RpcMethod[]], { error: `method must be one of ${RPC_METHODS.join(', ')}` }),
    params: z.unknown().optional(),
    /** How long to wait for the terminal's answer (default 10 s). */
    timeoutMs: z.number().int().min(100).max(120_000).optional(),
  })
  .strict();

export interface RpcCommand {
  method: RpcMethod;
  params: Record<string, unknown>;
  timeoutMs?: number;
}

const describe = (error: z.ZodError, prefix = '') =>
  error.issues.map((issue) => `${[prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.') || '(body)'}: ${issue.message}`).join('; ');

export const readRpcCommand = (body: unknown): { ok: true; command: RpcCommand } | { ok: false; problem: string } => {
  const parsed = rpcBodySchema.safeParse(body);
  if (!parsed.success) return { ok: false, problem: describe(parsed.error) };
  const { method, params, timeoutMs } = parsed.data;
  const checked = RPC_PARAMS[method].safeParse(params);
  if (!checked.success) return { ok: false, problem: describe(checked.error, 'params') };
  return { ok: true, command: { method, params: (checked.data ?? {}) as Record<string, unknown>, ...(timeoutMs === undefined ? {} : { timeoutMs }) } };
};

/** Shared attributes: an object of 1 to 50 keys (names a terminal can read), each a JSON value. */
const sharedSchema = z
  .record(z.string().regex(/^[A-Za-z0-9_.:@-]{1,128}$/, 'a key of A-Z a-z 0-9 _ . : @ - (1 to 128)'), z.unknown())
  .refine((object) => Object.keys(object).length >= 1, 'at least one attribute')
  .refine((object) => Object.keys(object).length <= 50, 'at most 50 attributes at once');

export const readSharedAttributes = (body: unknown): { ok: true; attributes: Record<string, unknown> } | { ok: false; problem: string } => {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, problem: 'the body must be a JSON object of attributes, e.g. {"targetVersion": "0.2.0"}' };
  const parsed = sharedSchema.safeParse(body);
  return parsed.success ? { ok: true, attributes: parsed.data } : { ok: false, problem: describe(parsed.error) };
};
