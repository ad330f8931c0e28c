import { randomBytes } from 'node:crypto';
import { sm2, sm3 } from 'sm-crypto-v2';

/**
 * Signs a request to the platform (docs/platform-api.yaml, "Signed requests"): SM2 (SM3 digest with the standard
 * user ID) over `METHOD \n path?query \n timestamp \n nonce \n SM3(body)`. A fresh nonce each time, so a retry is a
 * new request to the platform's replay check while its Idempotency-Key keeps it the same case. SM3 comes from
 * sm-crypto-v2 (pure JS): Electron's BoringSSL has no SM3, so Node's own SM3 digest would throw there.
 */
export interface RequestSigner {
  terminalId: string;
  publicKey: string;
  privateKey: string;
}

export const canonicalRequest = (method: string, target: string, timestamp: string, nonce: string, body: Uint8Array): string =>
  [method.toUpperCase(), target, timestamp, nonce, sm3(body)].join('\n');

export const signatureHeaders = (signer: RequestSigner, method: string, target: string, body: Uint8Array, now: Date): Record<string, string> => {
  const timestamp = now.toISOString();
  const nonce = randomBytes(16).toString('hex');
  const signature = sm2.doSignature(canonicalRequest(method, target, timestamp, nonce, body), signer.privateKey, { hash: true, publicKey: signer.publicKey });
  return { 'x-kiosk-terminal': signer.terminalId, 'x-kiosk-timestamp': timestamp, 'x-kiosk-nonce': nonce, 'x-kiosk-signature': signature };
};
