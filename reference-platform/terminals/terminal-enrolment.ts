import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import { failure, json, jsonBody, type Reply } from '../http/reply.ts';
import type { EnrolmentCodes } from './enrolment-codes.ts';
import { claimedTerminal, spendNonce, verifySignedRequest } from './signed-request.ts';
import type { TerminalRegistry } from './terminal-registry.ts';

const enrolmentSchema = z.object({
  terminalId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/),
  publicKey: z.string().regex(/^04[0-9a-fA-F]{128}$/),
  enrolmentCode: z.string().min(1).max(100),
});

const NEW_CODE = 'ask the operator for a new code for this terminal';

/**
 * POST /v1/terminals: provisioning registers a terminal's SM2 public key, with an enrolment code the operator
 * issued for that terminal id. The request is signed with the key being registered, so only its holder can register
 * it, and the code is looked at only then (a forged request learns nothing of it and spends nothing). A code
 * registers one key once, before it expires; the same registration asked again (its answer was lost) is answered as
 * the first time, registering nothing.
 */
export const enrolTerminal = (
  request: { method: string; target: string; headers: IncomingHttpHeaders; body: Buffer },
  registry: TerminalRegistry,
  codes: EnrolmentCodes,
  now: Date,
): Reply => {
  const body = jsonBody(request.body);
  if (!body.ok) return body.reply;
  const parsed = enrolmentSchema.safeParse(body.value);
  if (!parsed.success) return failure(422, 'invalid-enrolment', 'terminalId, publicKey (04 and 128 hex digits) and enrolmentCode are required');
  const { terminalId, publicKey, enrolmentCode } = parsed.data;
  if (claimedTerminal(request.headers) !== terminalId) return failure(401, 'unsigned', 'sign the enrolment with the key being registered');
  const verified = verifySignedRequest(request, publicKey, now);
  if (!verified.ok) return failure(401, verified.failure, verified.message);
  const code = codes.stateOf(enrolmentCode, terminalId, now);
  const alreadyThisKey = code.state === 'used' && code.usedByKey === publicKey.toLowerCase() && registry.publicKeyOf(terminalId) === code.usedByKey;
  switch (code.state) {
    case 'unknown':
      return failure(403, 'bad-enrolment-code', `the enrolment code is not valid: no such code was issued; ${NEW_CODE}`);
    case 'other-terminal':
      return failure(403, 'enrolment-code-other-terminal', `the enrolment code was issued for another terminal id, not ${terminalId}`);
    case 'used':
      if (!alreadyThisKey) return failure(403, 'enrolment-code-used', `the enrolment code was used at ${code.usedAt}: a code registers one key once; ${NEW_CODE}`);
      break;
    case 'expired':
      return failure(403, 'enrolment-code-expired', `the enrolment code expired at ${code.validUntil}; ${NEW_CODE}`);
    case 'valid':
      break;
  }
  if (!spendNonce(request, registry, now)) return failure(401, 'replayed', 'this nonce was used before');
  const registration = codes.redeem(
    enrolmentCode,
    publicKey,
    now,
    () => registry.register(terminalId, publicKey, now),
    (result) => result === 'registered',
  );
  if (registration === 'key-conflict') return failure(409, 'key-conflict', `terminal ${terminalId} is registered with another key`);
  return json(registration === 'registered' ? 201 : 200, { terminalId, registeredAt: now.toISOString() });
};
