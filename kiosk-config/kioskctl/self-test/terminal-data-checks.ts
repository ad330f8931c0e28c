import { existsSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import path from 'node:path';
import { catalogueSummary } from '../../../main/catalogue/catalogue-summary.ts';
import { catalogueFileIn } from '../../../main/catalogue/catalogue-store.ts';
import { outboxSummary } from '../../../main/cases/outbox-summary.ts';
import { outboxFileIn } from '../../../main/cases/outbox.ts';
import type { TerminalConfig } from '../../../main/config/terminal-config.ts';
import { readDatabase } from '../../../main/storage/database-for-reading.ts';
import type { SelfTestCheck } from './self-test-result.ts';

/** Below this much free space on the data dir's file system the outbox and scans may run out of room. */
export const MIN_FREE_BYTES = 1024 ** 3;

const catalogueCheck = (config: TerminalConfig): SelfTestCheck => {
  const file = catalogueFileIn(config.dataDir);
  if (!existsSync(file)) return { check: 'catalogue', ok: false, detail: `no catalogue in ${file}: the kiosk syncs it from the platform once it is enrolled` };
  try {
    const { version, guides, bundles } = readDatabase(file, catalogueSummary);
    const held = version === null ? 'imported by hand (no platform version)' : `version ${version}`;
    return guides === 0 ? { check: 'catalogue', ok: false, detail: `${held}, but it holds no guide` } : { check: 'catalogue', ok: true, detail: `${held}: ${guides} guides, ${bundles} bundles` };
  } catch (error) {
    return { check: 'catalogue', ok: false, detail: `${file} cannot be read: ${(error as Error).message}` };
  }
};

const outboxCheck = (config: TerminalConfig): SelfTestCheck => {
  const file = outboxFileIn(config.dataDir);
  if (!existsSync(file)) return { check: 'outbox', ok: true, detail: 'empty (the kiosk has not queued anything here yet)' };
  try {
    const { states, waiting, oldestUndecidedAt } = readDatabase(file, outboxSummary);
    const attention = states['needs-attention'];
    const detail = `${waiting} waiting${oldestUndecidedAt === null ? '' : ` (oldest since ${oldestUndecidedAt})`}, ${attention} need${attention === 1 ? 's' : ''} attention, ${states.accepted} accepted, ${states.rejected} rejected`;
    return { check: 'outbox', ok: attention === 0, detail: attention === 0 ? detail : `${detail}: staff must look at those in the maintenance screen` };
  } catch (error) {
    return { check: 'outbox', ok: false, detail: `${file} cannot be read: ${(error as Error).message}` };
  }
};

/** The data dir, or the nearest folder above it that exists (a terminal whose kiosk has not started yet). */
const existingFolder = (dir: string): string => (existsSync(dir) || path.dirname(dir) === dir ? dir : existingFolder(path.dirname(dir)));

const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;

const diskCheck = async (config: TerminalConfig): Promise<SelfTestCheck> => {
  const folder = existingFolder(config.dataDir);
  const stats = await statfs(folder);
  const free = stats.bavail * stats.bsize;
  const total = stats.blocks * stats.bsize;
  const detail = `${gib(free)} free of ${gib(total)} where ${config.dataDir} is`;
  return free >= MIN_FREE_BYTES ? { check: 'disk', ok: true, detail } : { check: 'disk', ok: false, detail: `${detail}: under ${gib(MIN_FREE_BYTES)}, free some space` };
};

/** What the terminal keeps: its catalogue loaded (and which version), its outbox's depth, room on its disk. */
export const checkTerminalData = async (config: TerminalConfig): Promise<SelfTestCheck[]> => [catalogueCheck(config), outboxCheck(config), await diskCheck(config)];
