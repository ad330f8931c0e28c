import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sm2 } from 'sm-crypto-v2';
import { z } from 'zod';
import { writeFileDurably } from '../storage/durable-file.ts';

/**
 * The terminal's own SM2 key pair, made once on the terminal and never sent anywhere but its public half: the
 * platform knows the terminal by it (registered at provisioning) and it signs every request the terminal makes.
 * Kept in a 0600 file in the terminal's data dir, with the time it was registered.
 */
export interface TerminalIdentity {
  terminalId: string;
  publicKey: string;
  privateKey: string;
  /** When the platform registered the public key (ISO 8601); null until then. */
  registeredAt: string | null;
}

const identitySchema = z.object({
  terminalId: z.string().min(1),
  publicKey: z.string().regex(/^04[0-9a-f]{128}$/),
  privateKey: z.string().regex(/^[0-9a-f]{64}$/),
  registeredAt: z.string().nullable(),
});

export class TerminalIdentityUnusable extends Error {
  constructor(file: string, reason: string) {
    super(`terminal identity ${file} is unusable: ${reason} — move it away to make a new key pair, then provision again`);
    this.name = 'TerminalIdentityUnusable';
  }
}

export const terminalIdentityFile = (dataDir: string) => path.join(dataDir, 'terminal-identity.json');

const write = (file: string, identity: TerminalIdentity) => writeFileDurably(file, `${JSON.stringify(identity, null, 2)}\n`);

/** The terminal's identity; made (and kept) at first use. A key file of another terminal id is refused. */
export const loadTerminalIdentity = (dataDir: string, terminalId: string): TerminalIdentity => {
  const file = terminalIdentityFile(dataDir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new TerminalIdentityUnusable(file, (error as Error).message);
    const { publicKey, privateKey } = sm2.generateKeyPairHex();
    const identity: TerminalIdentity = { terminalId, publicKey, privateKey, registeredAt: null };
    write(file, identity);
    return identity;
  }
  let parsed;
  try {
    parsed = identitySchema.safeParse(JSON.parse(text));
  } catch {
    throw new TerminalIdentityUnusable(file, 'not JSON');
  }
  if (!parsed.success) throw new TerminalIdentityUnusable(file, 'not a terminal identity');
  if (parsed.data.terminalId !== terminalId) throw new TerminalIdentityUnusable(file, `it belongs to terminal ${parsed.data.terminalId}, not ${terminalId}`);
  return parsed.data;
};

/** Records that the platform registered the key. */
export const markRegistered = (dataDir: string, identity: TerminalIdentity, at: Date): TerminalIdentity => {
  const registered = { ...identity, registeredAt: at.toISOString() };
  write(terminalIdentityFile(dataDir), registered);
  return registered;
};
