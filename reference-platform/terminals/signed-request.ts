import type { IncomingHttpHeaders } from 'node:http';
import { sm2, sm3 } from 'sm-crypto-v2';
import type { TerminalRegistry } from './terminal-registry.ts';

/**
 * Terminal authentication (docs/platform-api.yaml, "Signed requests"): every request a terminal makes for a
 * citizen carries its terminal id, a timestamp, a fresh nonce and an SM2 signature (SM3 digest with the standard
 * user ID) over
 *
 *     METHOD \n path?query \n timestamp \n nonce \n SM3(body) hex
 *
 * so neither the body nor the target can be changed, and a request cannot be sent twice: the nonce is refused the
 * second time, and a timestamp outside the window is refused, nonce or not.
 */
export const REPLAY_WINDOW_MS = 5 * 60_000;

const TERMINAL = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;
const NONCE = /^[0-9a-f]{32}$/;
const SIGNATURE = /^[0-9a-f]{128}$/;

export const canonicalRequest = (method: string, target: string, timestamp: string, nonce: string, body: Buffer): string =>
  [method.toUpperCase(), target, timestamp, nonce, sm3(body)].join('\n');

export type AuthenticationFailure = 'unsigned' | 'unknown-terminal' | 'stale-timestamp' | 'replayed' | 'bad-signature';

export type Authentication = { ok: true; terminalId: string } | { ok: false; failure: AuthenticationFailure; message: string };

const header = (headers: IncomingHttpHeaders, name: string): string => {
  const value = headers[name];
  return typeof value === 'string' ? value : '';
};

interface SignedRequest {
  method: string;
  target: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

type VerificationKey = string | ReturnType<typeof sm2.precomputePublicKey>;

/**
 * Checks the signature headers against a key: well-formed, timestamp within the window, signature valid. The nonce
 * is not spent here (see spendNonce), so that a forged request cannot burn a terminal's nonces.
 */
export const verifySignedRequest = (request: SignedRequest, key: VerificationKey, now: Date): Authentication => {
  const terminalId = header(request.headers, 'x-kiosk-terminal');
  const timestamp = header(request.headers, 'x-kiosk-timestamp');
  const nonce = header(request.headers, 'x-kiosk-nonce');
  const signature = header(request.headers, 'x-kiosk-signature');
  const at = Date.parse(timestamp);
  if (Number.isNaN(at) || Math.abs(at - now.getTime()) > REPLAY_WINDOW_MS) {
    return { ok: false, failure: 'stale-timestamp', message: `the timestamp must be within ${REPLAY_WINDOW_MS / 1000} s of the platform's clock (${now.toISOString()})` };
  }
  let valid = false;
  try {
    valid = sm2.doVerifySignature(canonicalRequest(request.method, request.target, timestamp, nonce, request.body), signature, key, { hash: true });
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, failure: 'bad-signature', message: "the signature does not match this terminal's registered key" };
  return { ok: true, terminalId };
};

/** The terminal id the headers claim, when all four signature headers are well-formed; null otherwise. */
export const claimedTerminal = (headers: IncomingHttpHeaders): string | null => {
  const terminalId = header(headers, 'x-kiosk-terminal');
  const ok =
    TERMINAL.test(terminalId) && NONCE.test(header(headers, 'x-kiosk-nonce')) && SIGNATURE.test(header(headers, 'x-kiosk-signature')) && header(headers, 'x-kiosk-timestamp') !== '';
  return ok ? terminalId : null;
};

const UNSIGNED: Authentication = { ok: false, failure: 'unsigned', message: 'x-kiosk-terminal, x-kiosk-timestamp, x-kiosk-nonce and x-kiosk-signature are required' };
const REPLAYED: Authentication = { ok: false, failure: 'replayed', message: 'this nonce was used before' };

/**
 * Spends a verified request's nonce: false when the terminal used it before (a replay). The nonce is kept until its
 * signed timestamp plus the window, the last moment the timestamp check would let the same bytes in again; kept by
 * when the platform saw it instead, a terminal whose clock runs ahead could be replayed once the nonce was forgotten.
 */
export const spendNonce = (request: SignedRequest, registry: TerminalRegistry, now: Date): boolean => {
  const signedAt = Date.parse(header(request.headers, 'x-kiosk-timestamp'));
  // verifySignedRequest has checked the timestamp; max() keeps a nonce at least a window should it ever not have.
  const keptUntil = Math.max(Number.isNaN(signedAt) ? now.getTime() : signedAt, now.getTime()) + REPLAY_WINDOW_MS;
  return registry.useNonce(header(request.headers, 'x-kiosk-terminal'), header(request.headers, 'x-kiosk-nonce'), now.getTime(), keptUntil);
};

/** A registered terminal's signed request: who sent it, or why it is refused. */
export const authenticateRequest = (request: SignedRequest, registry: TerminalRegistry, now: Date): Authentication => {
  const terminalId = claimedTerminal(request.headers);
  if (terminalId === null) return UNSIGNED;
  const key = registry.verificationKeyOf(terminalId);
  if (key === null) return { ok: false, failure: 'unknown-terminal', message: `terminal ${terminalId} is not registered` };
  const verified = verifySignedRequest(request, key, now);
  if (!verified.ok) return verified;
  return spendNonce(request, registry, now) ? verified : REPLAYED;
};
