import { chmod, mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKioskHost } from '../../main/host/create-host.ts';
import { silentLog } from '../support/silent-log.ts';
import { testTerminal, type TestTerminal } from '../support/test-terminal.ts';

/**
 * Review finding 11: an existing data directory was not tightened, and the files in it were readable by every user of
 * the terminal. At start the host makes the directory its own (0700), and every file it keeps there is 0600.
 */
let terminal: TestTerminal | null = null;
afterEach(async () => {
  await terminal?.remove();
  terminal = null;
});

const filesUnder = async (dir: string): Promise<string[]> =>
  (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));

describe('the data directory', () => {
  it('is tightened to 0700 at start, and every file the host keeps there is 0600', async () => {
    terminal = await testTerminal();
    const { dataDir } = terminal.config;
    await mkdir(dataDir, { mode: 0o755 }); // as someone made it by hand
    await chmod(dataDir, 0o755);
    const host = createKioskHost(terminal.config, { log: silentLog() });
    await host.start();
    await host.stop();
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    const files = await filesUnder(dataDir);
    expect(files.length).toBeGreaterThanOrEqual(3); // the identity, the data key, the outbox at least
    for (const file of files) expect((await stat(file)).mode & 0o077, path.relative(dataDir, file)).toBe(0);
  });
});
