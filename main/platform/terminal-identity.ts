import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sm2 } from 'sm-crypto-v2';
import { z } from 'zod';
import { PayloadUnreadable, type PayloadSeal } from '../cases/sealed-payload.ts';
import { writeFileDurably } from '../storage/durable-file.ts';

/**
 * The terminal's own SM2 key pair, made once on the terminal and never sent anywhere but its public half: the
 * platform knows the terminal by it (registered at provisioning) and it signs every request the terminal makes.
 * Kept in a 0600 file in the terminal's data dir, with the time it was registered; the host keeps the private key
 * in it sealed with the data key (which the Electron shell wraps with the OS keystore), so the file alone, copied
 * off the terminal, signs nothing.
 */
export interface TerminalIdentity {
  terminalId: string;
  publicKey: string;
  privateKey: string;
  /** When the platform registered the public key (ISO 8601); null until then. */
  registeredAt: string | null;
}

const PRIVATE_KEY = /^[0-9a-f]{64}$/;
/** The file: the private key in the clear (written before keys were sealed, or by tools without the data key) or sealed. */
const identityFileSchema = z.union([
  z.object({ terminalId: z.string().min(1), publicKey: z.string().regex(/^04[0-9a-f]{128}$/), privateKey: z.string().regex(PRIVATE_KEY), registeredAt: z.string().nullable() }),
  z.object({ terminalId: z.string().min(1), publicKey: z.string().regex(/^04[0-9a-f]{128}$/), sealedPrivateKey: z.string().min(1), registeredAt: z.string().nullable() }),
]);
type IdentityFile = z.infer<typeof identityFileSchema>;

/** How the private key is kept in the file. */
export interface PrivateKeyKeeping {
  keep(identity: TerminalIdentity): IdentityFile;
  /** The private key of a sealed file; throws TerminalIdentityUnusable's reason as an Error when it cannot. */
  open(file: IdentityFile & { sealedPrivateKey: string }): string;
}

const CLEAR: PrivateKeyKeeping = {
  keep: (identity) => identity,
  open: () => {
    throw new Error('its private key is sealed and no data key was given to open it');
  },
};

/** Keeps the private key sealed with the data key, bound to the terminal id (a sealed key moved to another terminal's file does not open). */
export const privateKeySealedWith = (seal: PayloadSeal): PrivateKeyKeeping => ({
  keep: ({ privateKey, ...rest }) => ({ ...rest, sealedPrivateKey: seal.seal(privateKey, `terminal-identity:${rest.terminalId}`).toString('base64') }),
  open: (file) => {
    let privateKey: string;
    try {
      privateKey = seal.open(Buffer.from(file.sealedPrivateKey, 'base64'), `terminal-identity:${file.terminalId}`);
    } catch (error) {
      throw new Error(error instanceof PayloadUnreadable ? 'its private key was sealed with another data key, or altered' : (error as Error).message);
    }
    if (!PRIVATE_KEY.test(privateKey)) throw new Error('its sealed private key is not an SM2 private key');
    return privateKey;
  },
});

export class TerminalIdentityUnusable extends Error {
  constructor(file: string, reason: string) {
    super(`terminal identity ${file} is unusable: ${reason} — move it away to make a new key pair, then provision again`);
    this.name = 'TerminalIdentityUnusable';
  }
}

export const terminalIdentityFile = (dataDir: string) => path.join(dataDir, 'terminal-identity.json');

const write = (file: string, content: IdentityFile) => writeFileDurably(file, `${JSON.stringify(content, null, 2)}\n`);

/**
 * The terminal's identity; made (and kept) at first use. A key file of another terminal id is refused. With a
 * keeping that seals, a file with the key in the clear is sealed in place.
 */
export const loadTerminalIdentity = (dataDir: string, terminalId: string, keeping: PrivateKeyKeeping = CLEAR): TerminalIdentity => {
  const file = terminalIdentityFile(dataDir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new TerminalIdentityUnusable(file, (error as Error).message);
    const { publicKey, privateKey } = sm2.generateKeyPairHex();
    const identity: TerminalIdentity = { terminalId, publicKey, privateKey, registeredAt: null };
    write(file, keeping.keep(identity));
    return identity;
  }
  const kept = keptIdentity(file, text, terminalId);
  if ('privateKey' in kept) {
    if (keeping !== CLEAR) write(file, keeping.keep(kept));
    return kept;
  }
  return openedIdentity(file, kept, keeping);
};

/** The identity file's content, checked: an identity, of this terminal. */
const keptIdentity = (file: string, text: string, terminalId: string): IdentityFile => {
  let parsed;
  try {
    parsed = identityFileSchema.safeParse(JSON.parse(text));
  } catch {
    throw new TerminalIdentityUnusable(file, 'not JSON');
  }
  if (!parsed.success) throw new TerminalIdentityUnusable(file, 'not a terminal identity');
  const kept = parsed.data;
  if (kept.terminalId !== terminalId) throw new TerminalIdentityUnusable(file, `it belongs to terminal ${kept.terminalId}, not ${terminalId}`);
  return kept;
};

const openedIdentity = (file: string, kept: IdentityFile & { sealedPrivateKey: string }, keeping: PrivateKeyKeeping): TerminalIdentity => {
  let privateKey: string;
  try {
    privateKey = keeping.open(kept);
  } catch (error) {
    throw new TerminalIdentityUnusable(file, (error as Error).message);
  }
  return { terminalId: kept.terminalId, publicKey: kept.publicKey, privateKey, registeredAt: kept.registeredAt };
};

/**
 * The identity as the kiosk left it, for a technician's check (kioskctl self-test): never made, never rewritten; null
 * when the kiosk has not made one yet. Throws TerminalIdentityUnusable like loadTerminalIdentity.
 */
export const readTerminalIdentity = (dataDir: string, terminalId: string, keeping: PrivateKeyKeeping): TerminalIdentity | null => {
  const file = terminalIdentityFile(dataDir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new TerminalIdentityUnusable(file, (error as Error).message);
  }
  const kept = keptIdentity(file, text, terminalId);
  return 'privateKey' in kept ? kept : openedIdentity(file, kept, keeping);
};

/** Records that the platform registered the key, in the file as it is kept (sealed or not): only registeredAt changes. */
export const markRegistered = (dataDir: string, identity: TerminalIdentity, at: Date): TerminalIdentity => {
  const file = terminalIdentityFile(dataDir);
  const registeredAt = at.toISOString();
  let kept;
  try {
    kept = identityFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    throw new TerminalIdentityUnusable(file, (error as Error).message);
  }
  if (!kept.success || kept.data.publicKey !== identity.publicKey) throw new TerminalIdentityUnusable(file, 'it changed under the running host');
  write(file, { ...kept.data, registeredAt });
  return { ...identity, registeredAt };
};
