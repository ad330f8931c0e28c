import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureHeaders, type RequestSigner } from '../../main/platform/request-signing.ts';
import { startReferencePlatform, type ReferencePlatform } from '../../reference-platform/server.ts';
import { registeredTerminal } from '../support/registered-terminal.ts';

/**
 * Review finding 4: a nonce is kept as long as its request's signed timestamp could still pass the ±5 min window,
 * not 5 min after the platform saw it. A terminal whose clock is 4 min ahead signs a request; the same bytes sent
 * again 5 min 11 s later are still within the window by their timestamp, and must be refused as replayed.
 */
const START = Date.parse('2026-11-23T08:00:00Z');
let platformNow = START;
let platform: ReferencePlatform;
let signer: RequestSigner;

beforeAll(async () => {
  platform = await startReferencePlatform({ port: 0, guides: 20, now: () => new Date(platformNow) });
  signer = registeredTerminal(platform);
});
afterAll(() => platform.close());

const send = (headers: Record<string, string>) => fetch(new URL('v1/cases/SH310115202611180007', platform.url), { headers });
const errorCode = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code;

describe('replays of a request signed by a terminal whose clock is ahead', () => {
  it('are refused for as long as the signed timestamp is within the window', async () => {
    const headers = signatureHeaders(signer, 'GET', '/v1/cases/SH310115202611180007', new Uint8Array(), new Date(START + 4 * 60_000));
    expect((await send(headers)).status).toBe(200);
    // Other terminals' requests in between, so the platform purges what it takes to be old nonces.
    platformNow = START + 5 * 60_000 + 11_000;
    const other = registeredTerminal(platform, 'TEST-310115-0002');
    expect((await send(signatureHeaders(other, 'GET', '/v1/cases/SH310115202611180007', new Uint8Array(), new Date(platformNow)))).status).toBe(200);
    const replay = await send(headers);
    expect(replay.status).toBe(401);
    expect(await errorCode(replay)).toBe('replayed');
    // At the far edge of its window (signed time + 5 min) the nonce is still remembered; past it, the timestamp refuses.
    platformNow = START + 9 * 60_000;
    expect(await errorCode(await send(headers))).toBe('replayed');
    platformNow = START + 9 * 60_000 + 1;
    expect(await errorCode(await send(headers))).toBe('stale-timestamp');
  });
});
