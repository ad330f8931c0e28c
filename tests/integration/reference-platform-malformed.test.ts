import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startReferencePlatform, type ReferencePlatform } from '../../reference-platform/server.ts';
import { freePort } from '../support/free-port.ts';

/**
 * Review finding 7: an unauthenticated `GET //` threw synchronously in the request listener (`TypeError: Invalid
 * URL`) and, under `npm start`, took the whole process down, kiosk host included; a handler that threw (a bad percent-
 * escape) was an unhandled rejection. No request, however malformed, may end the platform: each gets an answer.
 */
let platform: ReferencePlatform;
beforeEach(async () => {
  platform = await startReferencePlatform({ port: await freePort(), guides: 10 });
});
afterEach(async () => {
  await platform.close();
});

/** One raw HTTP/1.1 request (fetch would normalise the target), and the status line of its answer. */
const rawRequest = (target: string) =>
  new Promise<string>((resolve, reject) => {
    const { port } = new URL(platform.url);
    const socket = connect({ host: '127.0.0.1', port: Number(port) }, () => socket.write(`GET ${target} HTTP/1.1\r\nHost: platform\r\nConnection: close\r\n\r\n`));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('end', () => resolve(answer.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
  });

describe('the reference platform and malformed requests', () => {
  it('answers a target that is no URL, and a bad percent-escape in a path, with 400', async () => {
    expect(await rawRequest('//')).toMatch(/^HTTP\/1\.1 400 /);
    expect(await rawRequest('/v1/cases/%E0%A4%A')).toMatch(/^HTTP\/1\.1 400 /);
  });

  it.each(['//', '//x/v1/health', '/v1/cases/%E0%A4%A', '/v1/cases/%', '/_control/collections?caseNumber=%ZZ'])('answers %s with a status, and goes on serving', async (target) => {
    expect(await rawRequest(target)).toMatch(/^HTTP\/1\.1 \d{3} /);
    const health = await fetch(new URL('/v1/health', platform.url));
    expect(health.status).toBe(200);
  });
});
