import path from 'node:path';
import { PayloadSeal } from '../cases/sealed-payload.ts';
import { loadTerminalIdentity, privateKeySealedWith, type TerminalIdentity } from '../platform/terminal-identity.ts';
import { fileDataKeyStore, type DataKeyStore } from '../storage/data-key.ts';

/**
 * The terminal's keys as the host keeps them: the data key (a 0600 file in the data dir, or the Electron shell's
 * OS-keystore-wrapped store) and, sealed with it, the terminal's SM2 identity. Made at first use — by the host, or by
 * `kioskctl provision` before the host ever runs — and the same files either way.
 */
export interface TerminalKeys {
  dataKey: Buffer;
  seal: PayloadSeal;
  identity: TerminalIdentity;
}

export const dataKeyFileIn = (dataDir: string) => path.join(dataDir, 'keys', 'outbox.key');

export const loadTerminalKeys = (dataDir: string, terminalId: string, dataKeys: DataKeyStore = fileDataKeyStore(dataKeyFileIn(dataDir))): TerminalKeys => {
  const dataKey = dataKeys.load();
  const seal = new PayloadSeal(dataKey);
  return { dataKey, seal, identity: loadTerminalIdentity(dataDir, terminalId, privateKeySealedWith(seal)) };
};
