import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { apiErrorSchema, API_VERSION, callRequestSchema, isMethodName, kioskMethods, type MethodName } from '../../../main/api/index.ts';
import { readPageFrame } from '../../../main/browser-shell/page-frame-reader.ts';
import type { HostFrame } from '../../../main/browser-shell/ws-frames.ts';
import { createApiDispatcher, type MethodHandlers } from '../../../main/host/api-dispatcher.ts';
import { ApiFailure } from '../../../main/host/api-failure.ts';
import { silentLog } from '../silent-log.ts';
import { fuzzTarget } from './fuzz-target.ts';
import { edgeJsonValue, mutatedBytes, mutatedJson, mutatedText } from './mutations.ts';

/**
 * Loopback WebSocket frames (main/browser-shell/page-frame-reader.ts) and the API dispatcher they feed
 * (main/host/api-dispatcher.ts): text and binary frames, valid call envelopes of every contract method, mutated ones,
 * any JSON, any bytes. Every handler records what it was called with.
 */

const METHODS = Object.keys(kioskMethods) as MethodName[];

/** Params that some method takes; each method's valid examples are those its own schema accepts. */
const CANDIDATE_PARAMS: unknown[] = [
  {},
  { apiVersion: API_VERSION },
  { locale: 'zh-CN' },
  { caseNumber: 'SH310115202611180007' },
  { code: 'SH310115202611180007' },
  { taskCode: '11310000SHRS0000A4000100100001' },
  { bundleCode: 'YJS-310115-001' },
  { values: { applicant_phone: '13800000000' } },
  { materialId: 'm1', way: 'commitment', signature: 'data:image/png;base64,iVBORw0KGgo=' },
  { materialId: 'm1', way: 'scan' },
  { level: 2, reasons: ['slow'], comment: '太慢' },
  { materialId: 'm1' },
  { pageId: 'p1', to: 0 },
  { pageId: 'p1' },
  { query: '社保', audience: 'natural', limit: 5 },
  { query: 'sb' },
  { audience: 'natural' },
  { audience: 'legal', by: 'theme', name: '社会保障' },
  { staffId: 'S001', password: 'x' },
  { reference: 'b3c1' },
  { cabinet: 'A', door: 1 },
  { caseNumber: 'SH1', materials: ['营业执照'], size: 'small' },
];

const validCalls = METHODS.flatMap((method) =>
  CANDIDATE_PARAMS.filter((params) => kioskMethods[method].params.safeParse(params).success).map((params) => ({ type: 'call', id: 1, method, params })),
);
const callExamples = fc.oneof(
  fc.constantFrom(...validCalls),
  fc.tuple(fc.constantFrom(...METHODS), fc.constantFrom(...CANDIDATE_PARAMS), fc.nat()).map(([method, params, id]) => ({ type: 'call', id, method, params })),
);

export interface PageFrameInput {
  data: Buffer;
  isBinary: boolean;
}

const text = (value: unknown) => Buffer.from(JSON.stringify(value) ?? 'undefined');

const frame: fc.Arbitrary<PageFrameInput> = fc.oneof(
  { weight: 2, arbitrary: callExamples.map((call) => ({ data: text(call), isBinary: false })) },
  { weight: 4, arbitrary: mutatedJson(callExamples).map((value) => ({ data: text(value), isBinary: false })) },
  { weight: 2, arbitrary: mutatedText(validCalls.map((call) => JSON.stringify(call))).map((value) => ({ data: Buffer.from(value), isBinary: false })) },
  { weight: 1, arbitrary: fc.constantFrom({ type: 'heartbeat' }, { type: 'heartbeat', id: 1 }, { type: 'call', id: -1 }, { type: 'call', id: 1.5 }, { id: 7 }, null, []).map((value) => ({ data: text(value), isBinary: false })) },
  { weight: 1, arbitrary: edgeJsonValue.map((value) => ({ data: text(value), isBinary: false })) },
  { weight: 1, arbitrary: fc.tuple(mutatedBytes(fc.constantFrom(...validCalls.map((call) => new Uint8Array(text(call))))), fc.boolean()).map(([bytes, isBinary]) => ({ data: Buffer.from(bytes), isBinary })) },
  { weight: 1, arbitrary: fc.tuple(fc.uint8Array({ maxLength: 200 }), fc.boolean()).map(([bytes, isBinary]) => ({ data: Buffer.from(bytes), isBinary })) },
);

const calls: Array<{ method: MethodName; params: unknown }> = [];
const handlers = Object.fromEntries(
  METHODS.map((method) => [
    method,
    (params: unknown) => {
      calls.push({ method, params });
      throw new ApiFailure('unavailable', 'fuzzing');
    },
  ]),
) as unknown as MethodHandlers;
const dispatcher = createApiDispatcher(handlers, silentLog());

const fail = (message: string, detail: unknown): never => {
  throw new Error(`${message}: ${JSON.stringify(detail)}`);
};

const checkAnswer = (frame: HostFrame, input: PageFrameInput) => {
  JSON.stringify(frame); // what the server sends: it must serialise
  if (frame.type === 'event') fail('a frame from the page is never answered with an event', frame);
  if (frame.type === 'result' && (frame.response.ok || !apiErrorSchema.safeParse(frame.response.error).success)) fail('a refused frame is answered with a typed error', { frame, input: input.data.toString() });
};

export const checkPageFrame = async (input: PageFrameInput): Promise<void> => {
  calls.length = 0;
  const reading = readPageFrame(input.data, input.isBinary);
  if (input.isBinary && (reading.kind !== 'answer' || reading.frame.type !== 'bad-frame')) fail('a binary frame is a bad frame', reading);
  if (reading.kind === 'heartbeat') {
    if (!isDeepStrictEqual(JSON.parse(input.data.toString()), { type: 'heartbeat' })) fail('only {type:"heartbeat"} is a heartbeat', input.data.toString());
    return;
  }
  if (reading.kind === 'answer') {
    checkAnswer(reading.frame, input);
    if (calls.length > 0) fail('a frame answered at once calls no handler', calls);
    return;
  }
  const response = await dispatcher.dispatch(reading.call);
  checkAnswer({ type: 'result', id: reading.id, response }, input);
  // A handler runs only for a valid envelope of a contract method with valid params, and gets them as parsed.
  const { method } = reading.call;
  const envelope = callRequestSchema.safeParse(reading.call);
  const params = envelope.success && isMethodName(method) ? kioskMethods[method].params.safeParse(reading.call.params ?? {}) : undefined;
  if (params?.success === true) {
    if (calls.length !== 1 || calls[0]?.method !== method || !isDeepStrictEqual(calls[0].params, params.data)) fail('a valid call reaches its handler with the parsed params', { call: reading.call, calls });
    if (response.ok || response.error.code !== 'unavailable') fail('the handler’s refusal is the answer', response);
  } else {
    if (calls.length > 0) fail('an invalid call reaches no handler', { call: reading.call, calls });
    const code = !envelope.success ? 'invalid-request' : !isMethodName(method) ? 'unknown-method' : 'invalid-request';
    if (response.ok || response.error.code !== code) fail(`an invalid call is answered ${code}`, { call: reading.call, response });
  }
};

export const pageFramesTarget = fuzzTarget({
  name: 'loopback WebSocket frames',
  holds: 'every frame is a heartbeat, a typed answer or a dispatched call; a handler runs only for a valid call, with its parsed params; the dispatcher always answers',
  inputs: frame,
  check: checkPageFrame,
});
