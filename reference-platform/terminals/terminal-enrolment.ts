import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import { failure, json, jsonBody, type Reply } from '../http/reply.ts';
import { claimedTerminal, spendNonce, verifySignedRequest } from './signed-request.ts';
import type { TerminalRegistry } from './terminal-registry.ts';

/**
 * The enrolment code the demo terminal and the tests provision with. Published on purpose, like the demo
 * catalogue key: a real platform issues a code per terminal from its operator console.
 */
export const DEMO_ENROLMENT_CODE = 'DEMO-ENROL-2026';

const enrolmentSchema = z.object({
  terminalId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/),
  publicKey: z.string().regex(/^04[0-9a-fA-F]{128}$/),
  enrolmentCode: z.string().min(1).max(100),
});

/**
 * POST /v1/terminals: provisioning registers a terminal's SM2 public key, with an enrolment code the operator
 * issued. The request is signed with the key being registered, so only its holder can register it.
 */
export const enrolTerminal = (
  request: { method: string; target: string; headers: IncomingHttpHeaders; body: Buffer },
  registry: TerminalRegistry,
  enrolmentCodes: ReadonlySet<string>,
  now: Date,
): Reply => {
  const body = jsonBody(request.body);
  if (!body.ok) return body.reply;
  const parsed = enrolmentSchema.safeParse(body.value);
  if (!parsed.success) return failure(422, 'invalid-enrolment', 'terminalId, publicKey (04 and 128 hex digits) and enrolmentCode are required');
  const { terminalId, publicKey, enrolmentCode } = parsed.data;
  if (!enrolmentCodes.has(enrolmentCode)) return failure(403, 'bad-enrolment-code', 'the enrolment code is not valid');
  if (claimedTerminal(request.headers) !== terminalId) return failure(401, 'unsigned', 'sign the enrolment with the key being registered');
  const verified = verifySignedRequest(request, publicKey, now);
  if (!verified.ok) return failure(401, verified.failure, verified.message);
  if (!spendNonce(request, registry, now)) return failure(401, 'replayed', 'this nonce was used before');
  const registration = registry.register(terminalId, publicKey, now);
  if (registration === 'key-conflict') return failure(409, 'key-conflict', `terminal ${terminalId} is registered with another key`);
  return json(registration === 'registered' ? 201 : 200, { terminalId, registeredAt: now.toISOString() });
};
