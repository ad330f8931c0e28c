import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyLockdown, APPLY_STEPS } from '../../main/lockdown/lockdown-apply.ts';

/**
 * How `lockdown install` tells the running system (only ever for the root `/`): each step run on its own, each
 * failure one line. Stand-in tools on PATH, since the real ones would change this machine.
 */
let bin: string;
beforeEach(async () => {
  bin = await mkdtemp(path.join(os.tmpdir(), 'kiosk-lockdown-tools-'));
});
afterEach(() => rm(bin, { recursive: true, force: true }));

const tool = (name: string, script: string) => writeFile(path.join(bin, name), `#!/bin/sh\n${script}\n`, { mode: 0o755 });

describe('applyLockdown', () => {
  it('runs sysusers before tmpfiles, then udev and systemd, and tells each failure in one line', async () => {
    const log = path.join(bin, 'log');
    await tool('systemd-sysusers', `echo "sysusers $*" >> '${log}'`);
    await tool('systemd-tmpfiles', `echo "tmpfiles $*" >> '${log}'`);
    await tool('udevadm', `echo "udevadm $*" >> '${log}'; [ "$1" = control ] && { echo 'Failed to send reload request: No such file or directory' >&2; exit 1; }; exit 0`);
    await tool('systemctl', `echo 'System has not been booted with systemd as init system (PID 1). Can'"'"'t operate.' >&2; echo 'Failed to connect to bus' >&2; exit 1`);

    const outcomes = await applyLockdown({ PATH: `${bin}:/usr/bin:/bin` });
    expect(outcomes).toEqual([
      { step: 'systemd-sysusers /usr/lib/sysusers.d/gov-service-kiosk.conf', outcome: 'applied' },
      { step: 'systemd-tmpfiles --create /usr/lib/tmpfiles.d/gov-service-kiosk.conf', outcome: 'applied' },
      { step: 'udevadm control --reload', outcome: 'failed', reason: 'Failed to send reload request: No such file or directory' },
      { step: expect.stringMatching(/^udevadm trigger /) as unknown as string, outcome: 'applied' },
      { step: 'systemctl daemon-reload', outcome: 'failed', reason: "System has not been booted with systemd as init system (PID 1). Can't operate." },
    ]);
    expect((await readFile(log, 'utf8')).split('\n').filter(Boolean).map((line) => line.split(' ')[0])).toEqual(['sysusers', 'tmpfiles', 'udevadm', 'udevadm']);
  });

  it('says which tool is not there and goes on', async () => {
    await tool('systemctl', 'exit 0');
    const outcomes = await applyLockdown({ PATH: bin });
    expect(outcomes.map((outcome) => outcome.outcome)).toEqual([...APPLY_STEPS.slice(0, -1).map(() => 'not-found'), 'applied']);
  });
});
