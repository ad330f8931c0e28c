import { readFile } from 'node:fs/promises';
import { chromiumPolicyState, installedPolicyFile, shippedChromiumPolicy } from './chromium-policy.ts';
import { installedFileState } from './installed-file-state.ts';
import { installedFile, OS_SESSION_PIECES, shippedFile } from './os-session-pieces.ts';

/** One piece of the OS-level lockdown as `kioskctl lockdown status --json` reports it. */
export interface LockdownPieceState {
  piece: string;
  state: 'installed' | 'missing' | 'differs';
  /** Where it is (or should be) installed, under the root asked about. */
  file: string;
  /** What differs: the policy's keys, a file's lines, its mode. */
  differs?: string[];
}

/**
 * Every piece of the lockdown under a root (`/` on a terminal; a scratch root for a package build or a test):
 * the managed Chromium policy, then the OS session's files in install order. The kiosk is locked down only when
 * every one is installed.
 */
export const lockdownPieceStates = async (root = '/'): Promise<LockdownPieceState[]> => {
  const policy = await chromiumPolicyState(root);
  const pieces: LockdownPieceState[] = [
    { piece: 'chromium-policy', state: policy.state, file: policy.file, ...(policy.state === 'differs' ? { differs: policy.keys } : {}) },
  ];
  for (const piece of OS_SESSION_PIECES) {
    const file = installedFile(piece, root);
    const found = await installedFileState(shippedFile(piece), file, piece.mode);
    pieces.push({ piece: piece.piece, state: found.state, file, ...(found.state === 'differs' ? { differs: found.differs } : {}) });
  }
  return pieces;
};

export const allInstalled = (pieces: readonly LockdownPieceState[]): boolean => pieces.every((piece) => piece.state === 'installed');

/** What each piece's installed file holds, byte for byte, and its mode: what `lockdown install` writes. */
export interface PieceContent {
  piece: string;
  file: string;
  content: string;
  mode: number;
}

export const lockdownPieceContents = async (root = '/'): Promise<PieceContent[]> => [
  {
    piece: 'chromium-policy',
    file: installedPolicyFile(root),
    content: `${JSON.stringify(await shippedChromiumPolicy(), null, 2)}\n`,
    mode: 0o644,
  },
  ...(await Promise.all(
    OS_SESSION_PIECES.map(async (piece) => ({
      piece: piece.piece,
      file: installedFile(piece, root),
      content: await readFile(shippedFile(piece), 'utf8'),
      mode: piece.mode,
    })),
  )),
];
