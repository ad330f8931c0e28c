import { readFile } from 'node:fs/promises';
import { mergeOverProfile, terminalOwnKeysIn } from './config-profiles.ts';
import { checkTerminalConfig, type ConfigProblem } from './terminal-config-file.ts';

/**
 * A profile checked on its own (`kioskctl config validate` of a file in a profiles/ directory): what it sets, against
 * the terminal schema, laid over a minimal terminal of its own — so a key it misspells or a value out of range is
 * found before any terminal extends it.
 */
const STAND_IN = { terminalId: 'PROFILE-CHECK', hallName: { 'zh-CN': '检查' }, dataDir: 'data', platform: { baseUrl: 'https://platform.invalid/' } };

export const checkProfileFile = async (file: string): Promise<{ ok: boolean; problems: ConfigProblem[] }> => {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, problems: [{ path: '$', message: code === 'ENOENT' ? 'file not found' : code === undefined ? `not valid JSON: ${(error as Error).message}` : `cannot read the file (${code})` }] };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, problems: [{ path: '$', message: 'a profile is a JSON object' }] };
  const profile = value as Record<string, unknown>;
  const own = terminalOwnKeysIn(profile);
  if (own.length > 0) return { ok: false, problems: own };
  const settings = { ...profile };
  delete settings['extends'];
  const reading = checkTerminalConfig(mergeOverProfile(settings, STAND_IN), '/');
  return reading.ok ? { ok: true, problems: [] } : { ok: false, problems: reading.problems };
};
