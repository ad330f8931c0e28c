import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileDurably } from '../../../main/storage/durable-file.ts';

/**
 * One line of a self-test: what was checked (a device kind, `platform`, `catalogue` …), the device's id for a device,
 * whether it is healthy, and what was found in words a technician can act on. `checkable: false` marks what cannot
 * be checked from here (a keyboard wedge, the page's camera): it is said so, never passed or failed by pretending.
 */
export interface SelfTestCheck {
  check: string;
  device?: string;
  ok: boolean;
  detail: string;
  checkable?: false;
}

/** `kioskctl self-test --json`: one object; `ok` only when every check is. */
export interface SelfTestResult {
  ok: boolean;
  terminalId: string;
  /** When the self-test ran, ISO 8601. */
  at: string;
  checks: SelfTestCheck[];
}

export const selfTestResult = (terminalId: string, at: Date, checks: SelfTestCheck[]): SelfTestResult => ({
  ok: checks.every((check) => check.ok),
  terminalId,
  at: at.toISOString(),
  checks,
});

/** Where the last self-test's result is kept, for diagnostics: a 0600 file in the terminal's data dir. */
export const lastSelfTestFileIn = (dataDir: string): string => path.join(dataDir, 'last-self-test.json');

export const saveSelfTest = (dataDir: string, result: SelfTestResult): void => writeFileDurably(lastSelfTestFileIn(dataDir), `${JSON.stringify(result, null, 2)}\n`);

/** The last self-test's result as saved (its text), or null when none was run here. */
export const lastSelfTest = async (dataDir: string): Promise<string | null> => {
  try {
    return await readFile(lastSelfTestFileIn(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
};

/** The result as a table for a person, and the verdict on its last line. */
export const selfTestTable = (result: SelfTestResult): string[] => {
  const rows = result.checks.map((check) => ({ mark: check.checkable === false ? '—' : check.ok ? 'ok' : 'FAIL', what: check.device === undefined ? check.check : `${check.check} ${check.device}`, detail: check.detail }));
  const width = Math.max(...rows.map((row) => row.what.length), 5);
  const failed = result.checks.filter((check) => !check.ok).map((check) => check.device ?? check.check);
  return [
    `self-test of terminal ${result.terminalId} at ${result.at}`,
    ...rows.map((row) => `  ${row.mark.padEnd(4)}  ${row.what.padEnd(width)}  ${row.detail}`),
    failed.length === 0 ? 'self-test passed' : `self-test FAILED: ${failed.join(', ')}`,
  ];
};
