import type { Logger } from 'pino';
import type { z } from 'zod';
import {
  callRequestSchema,
  isMethodName,
  kioskMethods,
  type CallResponse,
  type MethodName,
  type MethodResult,
} from '../api/index.ts';
import { ServiceRefused } from '../common/service-refused.ts';
import { ApiFailure } from './api-failure.ts';

/** What the host does for each method; params arrive already validated against the contract. */
export type MethodHandlers = {
  [M in MethodName]: (params: z.output<(typeof kioskMethods)[M]['params']>) => MethodResult<M> | Promise<MethodResult<M>>;
};

export interface ApiDispatcher {
  /** Answers one call from the page. Never throws: every failure is a typed CallResponse. */
  dispatch(raw: unknown): Promise<CallResponse>;
}

const issuesOf = (error: z.ZodError) =>
  error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(params)', message: issue.message }));

/**
 * The one door from the page into the host. The page is untrusted: the envelope, the method name and the
 * params are checked before any handler runs, so a malformed call changes nothing. Results are checked
 * too, so the page never receives anything the contract does not promise.
 */
export const createApiDispatcher = (handlers: MethodHandlers, log: Logger): ApiDispatcher => ({
  async dispatch(raw) {
    const request = callRequestSchema.safeParse(raw);
    if (!request.success) {
      return { ok: false, error: { code: 'invalid-request', message: 'not a call envelope {method, params}', issues: issuesOf(request.error) } };
    }
    const { method } = request.data;
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'unknown-method', message: `no method "${method}" in contract` } };
    }
    const spec = kioskMethods[method];
    const params = spec.params.safeParse(request.data.params ?? {});
    if (!params.success) {
      return { ok: false, error: { code: 'invalid-request', message: `params of ${method} do not match the contract`, issues: issuesOf(params.error) } };
    }
    try {
      const handler = handlers[method] as (params: unknown) => unknown;
      const result = spec.result.safeParse(await handler(params.data));
      if (!result.success) {
        log.error({ method, issues: issuesOf(result.error) }, 'handler result breaks the contract');
        return { ok: false, error: { code: 'internal', message: 'the host produced an invalid answer' } };
      }
      return { ok: true, result: result.data };
    } catch (error) {
      // The one place a service's refusal becomes the contract's error.
      if (error instanceof ApiFailure) return { ok: false, error: { code: error.code, message: error.message } };
      if (error instanceof ServiceRefused) return { ok: false, error: { code: error.kind, message: error.message } };
      log.error({ method, err: error }, 'method handler failed');
      return { ok: false, error: { code: 'internal', message: 'the host failed to handle the call' } };
    }
  },
});
