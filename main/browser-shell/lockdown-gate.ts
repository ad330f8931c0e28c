import { lockdownPieceStates } from '../lockdown/lockdown-pieces.ts';

/**
 * Why the browser shell's window may not open here, or null when every piece of the lockdown is in force: the
 * managed Chromium policy, and the OS session's users, units, udev rules, sudo rule and Chromium launcher.
 */
export const lockdownMissing = async (root: string): Promise<string | null> => {
  const all = await lockdownPieceStates(root);
  const pieces = all.filter((piece) => piece.state !== 'installed');
  if (pieces.length === 0) return null;
  const described = pieces.map((piece) => `${piece.piece} ${piece.state}${piece.differs === undefined ? '' : ` (${piece.differs.join(', ')})`}`);
  return `${pieces.length} of ${all.length} lockdown pieces not installed under ${root} (${described.join(', ')}): run \`kioskctl lockdown install\` as root`;
};
