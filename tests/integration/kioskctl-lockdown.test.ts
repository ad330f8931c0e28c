import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installedPolicyFile, shippedChromiumPolicy } from '../../main/lockdown/chromium-policy.ts';
import { lockdownPieceStates } from '../../main/lockdown/lockdown-pieces.ts';
import { installedFile, OS_SESSION_PIECES, osSessionPiece, shippedFile } from '../../main/lockdown/os-session-pieces.ts';
import { runKioskctl } from '../support/run-kioskctl.ts';

/** `kioskctl lockdown status|install` into a scratch root, as a package build or a technician's dry run would. */
let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'kiosk-lockdown-root-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const PIECES = ['chromium-policy', ...OS_SESSION_PIECES.map((piece) => piece.piece)];
const fileOf = (piece: string) => (piece === 'chromium-policy' ? installedPolicyFile(root) : installedFile(osSessionPiece(piece), root));
const pieceOf = async (name: string) => {
  const status = await runKioskctl('lockdown', 'status', '--root', root, '--json');
  expect(status.code).toBe(1);
  return (JSON.parse(status.stdout) as { pieces: Array<{ piece: string }> }).pieces.find((piece) => piece.piece === name);
};

describe('kioskctl lockdown', () => {
  it('reports every piece missing, installs them, then reports them installed', async () => {
    const before = await runKioskctl('lockdown', 'status', '--root', root, '--json');
    expect(before.code).toBe(1);
    expect(JSON.parse(before.stdout)).toEqual({ installed: false, pieces: PIECES.map((piece) => ({ piece, state: 'missing', file: fileOf(piece) })) });
    expect(before.stderr).toContain('kioskctl lockdown install');

    const install = await runKioskctl('lockdown', 'install', '--root', root);
    expect(install).toMatchObject({ code: 0, stdout: PIECES.map((piece) => `${piece}: installed (${fileOf(piece)})\n`).join('') });
    expect(JSON.parse(await readFile(installedPolicyFile(root), 'utf8'))).toEqual(await shippedChromiumPolicy());
    for (const piece of OS_SESSION_PIECES) {
      expect(await readFile(installedFile(piece, root), 'utf8')).toBe(await readFile(shippedFile(piece), 'utf8'));
      expect(((await stat(installedFile(piece, root))).mode & 0o7777).toString(8)).toBe(piece.mode.toString(8));
    }
    expect(((await stat(installedFile(osSessionPiece('sudoers'), root))).mode & 0o7777).toString(8)).toBe('440');
    expect(((await stat(installedFile(osSessionPiece('chromium-launcher'), root))).mode & 0o7777).toString(8)).toBe('755');

    const after = await runKioskctl('lockdown', 'status', '--root', root);
    expect(after).toMatchObject({ code: 0, stdout: PIECES.map((piece) => `${piece}: installed (${fileOf(piece)})\n`).join(''), stderr: '' });
    expect((await lockdownPieceStates(root)).every((piece) => piece.state === 'installed')).toBe(true);
  });

  it('names the keys of a policy someone changed', async () => {
    await runKioskctl('lockdown', 'install', '--root', root);
    const policy = { ...(await shippedChromiumPolicy()), DeveloperToolsAvailability: 1, Extra: true };
    await writeFile(installedPolicyFile(root), JSON.stringify(policy));
    expect(await pieceOf('chromium-policy')).toMatchObject({ state: 'differs', differs: ['DeveloperToolsAvailability', 'Extra'] });
  });

  it('names the lines of an OS session file someone changed, and a wrong mode', async () => {
    await runKioskctl('lockdown', 'install', '--root', root);
    const sudoers = installedFile(osSessionPiece('sudoers'), root);
    const lines = (await readFile(sudoers, 'utf8')).split('\n');
    const rule = lines.findIndex((line) => line.startsWith('gov-kiosk '));
    lines[rule] = 'gov-kiosk ALL=(ALL) NOPASSWD: ALL';
    await chmod(sudoers, 0o640);
    await writeFile(sudoers, lines.join('\n'));
    await chmod(installedFile(osSessionPiece('chromium-launcher'), root), 0o644);
    await rm(installedFile(osSessionPiece('udev-rules'), root));

    const status = await runKioskctl('lockdown', 'status', '--root', root, '--json');
    expect(status.code).toBe(1);
    const pieces = (JSON.parse(status.stdout) as { installed: boolean; pieces: Array<{ piece: string; state: string; differs?: string[] }> }).pieces;
    expect(pieces.find((piece) => piece.piece === 'sudoers')).toMatchObject({ state: 'differs', differs: [`line ${rule + 1}`, 'mode 0640, shipped 0440'] });
    expect(pieces.find((piece) => piece.piece === 'chromium-launcher')).toMatchObject({ state: 'differs', differs: ['mode 0644, shipped 0755'] });
    expect(pieces.find((piece) => piece.piece === 'udev-rules')).toMatchObject({ state: 'missing' });
    expect(pieces.filter((piece) => piece.state !== 'installed').map((piece) => piece.piece)).toEqual(['udev-rules', 'sudoers', 'chromium-launcher']);

    // install puts them back as shipped
    expect((await runKioskctl('lockdown', 'install', '--root', root)).code).toBe(0);
    expect((await runKioskctl('lockdown', 'status', '--root', root)).code).toBe(0);
  });

  it('runs none of the system tools (sysusers, tmpfiles, udevadm, systemctl) for a scratch root', async () => {
    const bin = path.join(root, 'fake-bin');
    const ran = path.join(root, 'ran');
    await mkdir(bin);
    for (const tool of ['systemd-sysusers', 'systemd-tmpfiles', 'udevadm', 'systemctl']) {
      await writeFile(path.join(bin, tool), `#!/bin/sh\necho ${tool} >> '${ran}'\n`, { mode: 0o755 });
    }
    const savedPath = process.env['PATH'];
    process.env['PATH'] = `${bin}:${savedPath ?? ''}`;
    try {
      expect((await runKioskctl('lockdown', 'install', '--root', path.join(root, 'target'))).code).toBe(0);
    } finally {
      process.env['PATH'] = savedPath;
    }
    await expect(stat(ran)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('says to run it as root when it cannot write', async () => {
    if (process.getuid?.() === 0) {
      // root may write anywhere; a read-only target stands in for a non-root technician
      await writeFile(path.join(root, 'etc'), 'a file where a directory must go');
      const install = await runKioskctl('lockdown', 'install', '--root', root);
      expect(install.code).toBe(1);
      expect(install.stderr).toMatch(/^cannot write .*gov-service-kiosk\.json: [^\n]+\n$/);
      return;
    }
    const install = await runKioskctl('lockdown', 'install', '--root', '/');
    expect(install).toMatchObject({ code: 1 });
    expect(install.stderr).toContain('run as root');
  });
});
