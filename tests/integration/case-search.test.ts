import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpPlatformAdapter } from '../../main/platform/http-platform-adapter.ts';
import { signatureHeaders, type RequestSigner } from '../../main/platform/request-signing.ts';
import { startReferencePlatform, type PlatformAccess, type ReferencePlatform } from '../../reference-platform/server.ts';
import { registeredTerminal } from '../support/registered-terminal.ts';

/**
 * Review finding 10: an applicant's ID number never travels in a request's target (which gateways and proxies log),
 * only in a signed body. The targets are taken from the platform's own access log, as a gateway would write them.
 */
const ID_NUMBER = '110101199001011237';
let platform: ReferencePlatform;
let signer: RequestSigner;
const accessLog: PlatformAccess[] = [];

beforeAll(async () => {
  platform = await startReferencePlatform({ port: 0, guides: 50, accessLog: (access) => accessLog.push(access) });
  signer = registeredTerminal(platform);
});
afterAll(() => platform.close());

describe("an applicant's cases", () => {
  it('are asked for with the ID number in the signed body only, and come back', async () => {
    accessLog.length = 0;
    const cases = await new HttpPlatformAdapter({ baseUrl: platform.url, timeoutMs: 2000, signer }).casesOfApplicant(ID_NUMBER);
    expect(cases.map((c) => c.caseNumber)).toEqual(['SH310115202611180007', 'SH310115202611020031', 'SH310115202610150102']);
    expect(accessLog).toEqual([{ method: 'POST', target: '/v1/cases/search', status: 200 }]);
    expect(JSON.stringify(accessLog)).not.toContain(ID_NUMBER);
  });

  it('are not given for the ID number in a query string, signed or not: the platform says where it belongs', async () => {
    const target = `/v1/cases?applicantIdNumber=${ID_NUMBER}`;
    for (const headers of [{}, signatureHeaders(signer, 'GET', target, new Uint8Array(), new Date())]) {
      const response = await fetch(new URL(target.slice(1), platform.url), { headers });
      expect(response.status).toBe(400);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('id-number-in-target');
      expect(error.message).toContain('POST /v1/cases/search');
    }
  });

  it('are refused for a body that is no ID number, and for an unsigned search', async () => {
    const target = '/v1/cases/search';
    const post = (body: string, headers: Record<string, string>) => fetch(new URL(target.slice(1), platform.url), { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body });
    const bad = JSON.stringify({ applicantIdNumber: 'nope' });
    const refused = await post(bad, signatureHeaders(signer, 'POST', target, Buffer.from(bad), new Date()));
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('applicantIdNumber');
    expect((await post(JSON.stringify({ applicantIdNumber: ID_NUMBER }), {})).status).toBe(401);
  });
});
