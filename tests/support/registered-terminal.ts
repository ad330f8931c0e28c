import { sm2 } from 'sm-crypto-v2';
import type { RequestSigner } from '../../main/platform/request-signing.ts';
import type { ReferencePlatform } from '../../reference-platform/server.ts';

/** A terminal key pair registered directly with an in-process reference platform (as provisioning would). */
export const registeredTerminal = (platform: ReferencePlatform, terminalId = 'TEST-310115-0001'): RequestSigner => {
  const { publicKey, privateKey } = sm2.generateKeyPairHex();
  platform.terminals.register(terminalId, publicKey, new Date());
  return { terminalId, publicKey, privateKey };
};
