import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditFile } from '../../main/audit/audit-file.ts';
import { auditFileIn, AuditLogUnopenable } from '../../main/audit/audit-log.ts';
import { checkTerminalConfig } from '../../main/config/terminal-config-file.ts';
import { createKioskHost } from '../../main/host/create-host.ts';
import { testTerminal, type TestTerminal } from '../support/test-terminal.ts';
import { capturedLog } from '../support/captured-log.ts';

/**
 * The host and its audit log: a config-changed record at the first start and whenever the config differs from the
 * one the kiosk last started with, none when it is the same; the head logged at every start and offered for the
 * fleet to send out. A damaged log stops the host, and is left as it is.
 */
let terminal: TestTerminal | null = null;
afterEach(async () => {
  await terminal?.remove();
  terminal = null;
});

const startAndStop = async (config: TestTerminal['config']) => {
  const { log, lines } = capturedLog();
  const host = createKioskHost(config, { log });
  await host.start();
  const head = host.auditHead();
  await host.stop();
  return { head, lines };
};

describe('the host’s audit log', () => {
  it('records the config at the first start and when it changed, not when it is the same, and logs the head each time', async () => {
    terminal = await testTerminal();
    const first = await startAndStop(terminal.config);
    const second = await startAndStop(terminal.config);
    const edited = checkTerminalConfig({ terminalId: 'TEST-0001', hallName: { 'zh-CN': '改名后的大厅' }, dataDir: 'data', platform: { baseUrl: 'http://127.0.0.1:9/', timeoutMs: 500, healthIntervalSeconds: 1 } }, terminal.dir);
    if (!edited.ok) throw new Error('edited config invalid');
    const third = await startAndStop(edited.config);

    const file = auditFileIn(terminal.config.dataDir);
    const { verification, records } = AuditFile.read(file, (audit) => ({ verification: audit.verify(), records: audit.latest(null) }));
    expect(verification).toMatchObject({ ok: true, records: 2 });
    expect(records.map(({ kind, actor }) => [kind, actor])).toEqual([
      ['config-changed', 'unknown'],
      ['config-changed', 'unknown'],
    ]);
    expect(records[1]?.reason).toBe(`the kiosk last started with ${records[0]?.subject}`);
    expect(first.head).toEqual({ seq: 1, hash: records[0]?.hash });
    expect(second.head).toEqual(first.head);
    expect(third.head).toEqual(verification.head);
    for (const run of [first, second, third]) expect(run.lines.find((line) => line['msg'] === 'audit log head')?.['auditHead']).toEqual(run.head);
  });

  it('does not start on a damaged audit log, and leaves the file as it found it', async () => {
    terminal = await testTerminal();
    const { config } = terminal;
    await mkdir(config.dataDir, { mode: 0o700 });
    const file = auditFileIn(config.dataDir);
    const damaged = Buffer.from('SQLite format 3\0'.padEnd(4096, 'x'));
    await writeFile(file, damaged, { mode: 0o600 });
    const { log } = capturedLog();
    expect(() => createKioskHost(config, { log })).toThrow(AuditLogUnopenable);
    expect(() => createKioskHost(config, { log })).toThrow(new RegExp(`^the audit log ${file} cannot be opened \\(.+\\); it is left as it is for inspection$`));
    expect(await readFile(file)).toEqual(damaged);
  });
});
