import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installedPolicyFile, shippedChromiumPolicy } from '../../main/lockdown/chromium-policy.ts';
import { runKioskctl } from '../support/run-kioskctl.ts';

/** `kioskctl lockdown status|install` into a scratch root, as a package build or a technician's dry run would. */
let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'kiosk-lockdown-root-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('kioskctl lockdown', () => {
  it('reports the Chromium policy missing, installs it, then reports it installed', async () => {
    const before = await runKioskctl('lockdown', 'status', '--root', root, '--json');
    expect(before.code).toBe(1);
    expect(JSON.parse(before.stdout)).toEqual({ installed: false, pieces: [{ piece: 'chromium-policy', state: 'missing', file: installedPolicyFile(root) }] });
    expect(before.stderr).toContain('kioskctl lockdown install');

    const install = await runKioskctl('lockdown', 'install', '--root', root);
    expect(install).toMatchObject({ code: 0, stdout: `chromium-policy: installed (${installedPolicyFile(root)})\n` });
    expect(JSON.parse(await readFile(installedPolicyFile(root), 'utf8'))).toEqual(await shippedChromiumPolicy());

    const after = await runKioskctl('lockdown', 'status', '--root', root);
    expect(after).toMatchObject({ code: 0, stdout: `chromium-policy: installed (${installedPolicyFile(root)})\n` });
  });

  it('names the keys of a policy someone changed', async () => {
    await runKioskctl('lockdown', 'install', '--root', root);
    const policy = { ...(await shippedChromiumPolicy()), DeveloperToolsAvailability: 1, Extra: true };
    await writeFile(installedPolicyFile(root), JSON.stringify(policy));
    const status = await runKioskctl('lockdown', 'status', '--root', root, '--json');
    expect(status.code).toBe(1);
    expect(JSON.parse(status.stdout).pieces[0]).toMatchObject({ state: 'differs', differs: ['DeveloperToolsAvailability', 'Extra'] });
  });

  it('says to run it as root when it cannot write', async () => {
    if (process.getuid?.() === 0) {
      // root may write anywhere; a read-only target stands in for a non-root technician
      await writeFile(path.join(root, 'etc'), 'a file where a directory must go');
      const install = await runKioskctl('lockdown', 'install', '--root', root);
      expect(install.code).toBe(1);
      expect(install.stderr).toMatch(/^cannot write .*gov-service-kiosk\.json: /);
      return;
    }
    const install = await runKioskctl('lockdown', 'install', '--root', '/');
    expect(install).toMatchObject({ code: 1 });
    expect(install.stderr).toContain('run as root');
  });
});
