import fc from 'fast-check';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sm2 } from 'sm-crypto-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpPlatformAdapter } from '../../../main/platform/http-platform-adapter.ts';
import { PlatformUnreachable, TerminalRefused } from '../../../main/platform/platform-adapter.ts';
import { platformAnswerInput, platformAnswersTarget, readAnswer, type PlatformAnswerInput } from '../../support/fuzz/platform-answers.ts';

describe('fuzz: platform JSON answers', () => {
  it(platformAnswersTarget.holds, async () => {
    await fc.assert(platformAnswersTarget.property(), { numRuns: 1000 });
  });
});

/** The same answers from a real HTTP server on loopback, through the adapter itself (signed requests: few runs). */
describe('fuzz: platform JSON answers through the HTTP adapter', () => {
  let server: Server;
  let answer: PlatformAnswerInput = { kind: 'health', status: 200, text: '', replayed: false };
  let adapter: HttpPlatformAdapter;
  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.replayed ? { 'idempotent-replayed': 'true' } : {}) });
      response.end(answer.text);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const keys = sm2.generateKeyPairHex();
    adapter = new HttpPlatformAdapter({
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
      timeoutMs: 5000,
      signer: { terminalId: 'T-FUZZ', publicKey: keys.publicKey, privateKey: keys.privateKey },
    });
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const call = (input: PlatformAnswerInput): Promise<unknown> => {
    switch (input.kind) {
      case 'health':
        return adapter.checkHealth();
      case 'case list':
        return adapter.casesOfApplicant('110101199001011237');
      case 'case':
        return adapter.caseByNumber('SH310115202611180007');
      case 'catalogue manifest':
        return adapter.catalogueManifest(3);
      case 'certificates':
        return adapter.certificatesOf('110101199001011237');
      case 'case delivery':
        return adapter.submitCase('{}', 'k1');
      case 'rating delivery':
        return adapter.submitRating('{}', 'k2');
      case 'locker deposit':
        return adapter.registerLockerDeposit('{}', 'k3');
      case 'locker collection':
        return adapter.reportLockerCollection('{}', 'k4');
      case 'material drop-off':
        return adapter.reportMaterialDropOff('{}', 'k5');
      case 'pickup-code check':
        return adapter.checkPickupCode('12345678', '110101199001011237');
      case 'enrolment':
        return adapter.enrolTerminal('ENROL-1');
    }
  };

  /** Only GETs see the status before the body: 401 refuses the terminal, 404 is no case, any other non-2xx is unreachable. */
  const expectedOf = (input: PlatformAnswerInput, text: string) => {
    const isGet = ['health', 'case list', 'case', 'catalogue manifest', 'certificates'].includes(input.kind);
    const ok = input.status >= 200 && input.status < 300;
    if (isGet && input.kind === 'case' && input.status === 404) return { value: null };
    if (isGet && !ok) return input.status === 401 ? 'refused' : 'unreachable';
    return readAnswer({ ...input, text });
  };

  // No 1xx, and none of the statuses that carry no body (204, 205, 304).
  const statuses = fc.integer({ min: 200, max: 599 }).filter((status) => ![204, 205, 304].includes(status));

  it('gives what the answer readers give for the same answer: a value the contract promises, or its typed error', async () => {
    await fc.assert(
      fc.asyncProperty(platformAnswerInput(fc.oneof(fc.constantFrom(200, 401, 404, 422, 429, 503), statuses)), async (input) => {
        answer = input;
        const got = await call(input).then(
          (value) => ({ value }),
          (error: unknown) => ({ error }),
        );
        // What arrives is the UTF-8 of the text, read back as fetch reads it (a leading BOM dropped).
        const expected = expectedOf(input, new TextDecoder().decode(Buffer.from(input.text, 'utf8')));
        if ('value' in got) {
          expect(expected).toEqual({ value: got.value });
          return;
        }
        expect(got.error instanceof PlatformUnreachable || got.error instanceof TerminalRefused).toBe(true);
        if (expected === 'refused') expect(got.error).toBeInstanceOf(TerminalRefused);
        else if (expected === 'unreachable') expect(got.error).toBeInstanceOf(PlatformUnreachable);
        else {
          expect('error' in expected).toBe(true);
          const error = (expected as { error: Error }).error;
          expect(got.error).toBeInstanceOf(error.constructor);
          expect((got.error as Error).message).toBe(error.message);
        }
      }),
      { numRuns: 60 },
    );
  });
});
