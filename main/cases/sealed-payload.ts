import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Citizens' data at rest, sealed with AES-256-GCM: a fresh 96-bit nonce per seal, and the row's identity as
 * associated data, so a sealed payload moved to another row does not open. Layout: version (1) · nonce (12) ·
 * tag (16) · ciphertext.
 */
const VERSION = 1;

export class PayloadUnreadable extends Error {
  constructor(reason: string) {
    super(`sealed payload unreadable: ${reason}`);
    this.name = 'PayloadUnreadable';
  }
}

export class PayloadSeal {
  readonly #key: Buffer;
  readonly #tagKey: Buffer;

  constructor(dataKey: Buffer) {
    if (dataKey.length !== 32) throw new Error('the data key must be 32 bytes');
    // Separate keys for sealing and for tagging, derived from the one data key.
    this.#key = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'kiosk outbox seal', 32));
    this.#tagKey = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'kiosk applicant tag', 32));
  }

  seal(plaintext: string, context: string): Buffer {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, nonce);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), nonce, cipher.getAuthTag(), body]);
  }

  open(sealed: Buffer, context: string): string {
    if (sealed.length < 29 || sealed[0] !== VERSION) throw new PayloadUnreadable('not a sealed payload of this version');
    const decipher = createDecipheriv('aes-256-gcm', this.#key, sealed.subarray(1, 13));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(sealed.subarray(13, 29));
    try {
      return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString('utf8');
    } catch {
      throw new PayloadUnreadable('it was altered, or sealed with another key');
    }
  }

  /**
   * A keyed tag of an identifier (an applicant's ID number): rows can be found by it without the number being
   * stored, and without the key the tag tells nothing.
   */
  tag(identifier: string): string {
    return createHmac('sha256', this.#tagKey).update(identifier, 'utf8').digest('hex');
  }
}
