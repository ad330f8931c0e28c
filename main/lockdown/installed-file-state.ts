import { readFile, stat } from 'node:fs/promises';

/** Whether a shipped file is in place: as shipped (with its mode), absent, or there but different (and how). */
export type InstalledFileState = { state: 'installed' } | { state: 'missing' } | { state: 'differs'; differs: string[] };

const MAX_LINES_NAMED = 5;
const octal = (mode: number) => `0${(mode & 0o7777).toString(8)}`;

/** The lines that are not as shipped (by number, at most a few), and a wrong mode. */
export const installedFileState = async (shipped: string, installed: string, mode: number): Promise<InstalledFileState> => {
  let actual: string;
  let actualMode: number;
  try {
    actual = await readFile(installed, 'utf8');
    actualMode = (await stat(installed)).mode & 0o7777;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { state: 'missing' };
    return { state: 'differs', differs: [`not readable: ${code ?? (error as Error).message}`] };
  }
  const want = (await readFile(shipped, 'utf8')).split('\n');
  const have = actual.split('\n');
  const lines: number[] = [];
  for (let index = 0; index < Math.max(want.length, have.length); index += 1) {
    if (want[index] !== have[index]) lines.push(index + 1);
  }
  const differs = lines.slice(0, MAX_LINES_NAMED).map((line) => `line ${line}`);
  if (lines.length > MAX_LINES_NAMED) differs.push(`${lines.length - MAX_LINES_NAMED} more lines`);
  if (actualMode !== mode) differs.push(`mode ${octal(actualMode)}, shipped ${octal(mode)}`);
  return differs.length === 0 ? { state: 'installed' } : { state: 'differs', differs };
};
