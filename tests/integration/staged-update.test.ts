import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sm2 } from 'sm-crypto-v2';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { downloadPackage, PackageDownloadFailed } from '../../main/fleet/package-download.ts';
import { StagedUpdate, type StagedUpdateOptions, type UpdateRestartReason, type UpdateStatus } from '../../main/fleet/staged-update.ts';
import { readUpdateAttribute, rolloutPosition } from '../../main/fleet/update-manifest.ts';
import { aptUpdateAttributeOf, signedManifest, updateAttributeOf, updateManifestOf } from '../../scripts/update-signing.ts';
import { FakeInstaller } from '../support/fake-installer.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { runToEnd } from '../support/run-kioskctl.ts';

/**
 * Staged updates on the terminal against a real package server on 127.0.0.1, with real SM2 keys: nothing is installed
 * onto this machine (FakeInstaller), and a restart is a new StagedUpdate on the same state file with the installer of
 * the version that would then run.
 */

const RUNNING = '0.1.0';
const NEXT = '0.2.0';
const HEALTH_S = 300;
const IDLE_S = 120;
const RETRY = { firstDelayMs: 60_000, maxDelayMs: 600_000 };
const release = sm2.generateKeyPairHex();
const packageBytes = randomBytes(256 * 1024);

/** The package server: what each path serves, a number of failures to give first, and every request it had. */
const served = new Map<string, Buffer>();
const requests: string[] = [];
let failuresLeft = 0;
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    if (failuresLeft > 0) {
      failuresLeft--;
      response.writeHead(503).end('busy');
      return;
    }
    const body = served.get(request.url ?? '');
    if (body === undefined) {
      response.writeHead(404).end();
      return;
    }
    if (request.url?.startsWith('/chunked/') === true) {
      // No length announced: the body says how long it is.
      response.writeHead(200);
      for (let at = 0; at < body.byteLength; at += 4096) response.write(body.subarray(at, at + 4096));
      response.end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/vnd.debian.binary-package', 'content-length': body.byteLength }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

let dataDir: string;
let clock: ManualClock;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'staged-update-'));
  clock = new ManualClock();
  served.clear();
  requests.length = 0;
  failuresLeft = 0;
  served.set('/gov-service-kiosk_0.2.0_amd64.deb', packageBytes);
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

/** A terminal id whose place in the rollout of `version` is below (or, `inShare: false`, at or above) the share. */
const terminalIdFor = (version: string, share: number, inShare: boolean): string => {
  for (let i = 0; ; i++) {
    const id = `T-${String(i).padStart(4, '0')}`;
    if (rolloutPosition(id, version) < share === inShare) return id;
  }
};

const offerOf = (version = NEXT, share = 1, options: { privateKey?: string; url?: string; bytes?: Buffer } = {}) =>
  updateAttributeOf({
    bytes: options.bytes ?? packageBytes,
    format: 'deb',
    version,
    url: options.url ?? `${base}/gov-service-kiosk_0.2.0_amd64.deb`,
    privateKey: options.privateKey ?? release.privateKey,
    share,
  });

interface Terminal {
  machine: StagedUpdate;
  installer: FakeInstaller;
  statuses: UpdateStatus[];
  restarts: UpdateRestartReason[];
  use: { inUse: boolean; idleFor: number };
}

/** A host process: its installer runs `running`; the state file and clock are the test's, so a new one is a restart. */
const terminal = (running: string, overrides: Partial<StagedUpdateOptions> & { installer?: FakeInstaller } = {}): Terminal => {
  const installer = overrides.installer ?? new FakeInstaller(running);
  const statuses: UpdateStatus[] = [];
  const restarts: UpdateRestartReason[] = [];
  const use = { inUse: false, idleFor: Number.POSITIVE_INFINITY };
  const machine = new StagedUpdate({
    terminalId: 'T-0001',
    publicKey: release.publicKey,
    stateFile: path.join(dataDir, 'update-state.json'),
    downloadDir: path.join(dataDir, 'updates'),
    clock,
    inUse: () => use.inUse,
    secondsSinceLastSession: () => use.idleFor,
    idleSeconds: IDLE_S,
    healthCheckSeconds: HEALTH_S,
    restart: (reason) => restarts.push(reason),
    onStatus: (status) => statuses.push(status),
    retry: RETRY,
    ...overrides,
    installer,
  });
  machine.start();
  return { machine, installer, statuses, restarts, use };
};

const states = (t: Terminal) => t.statuses.map((status) => status.updateState);
const stateFile = () => readFile(path.join(dataDir, 'update-state.json'), 'utf8');

/** Offers NEXT, downloads and verifies it, installs it at once (idle): the terminal is then about to restart. */
const installNext = async (attribute: unknown = offerOf()): Promise<Terminal> => {
  const t = terminal(RUNNING);
  expect(t.machine.offer(attribute)).toBe('accepted');
  await t.machine.whenQuiet();
  expect(t.installer.installs.map((install) => install.version)).toEqual([NEXT]);
  expect(t.restarts).toEqual(['installed']);
  return t;
};

describe('staged update', () => {
  it('does nothing on a terminal outside the share, and raising the share brings it in', async () => {
    const id = terminalIdFor(NEXT, 0.3, false);
    const t = terminal(RUNNING, { terminalId: id });
    const before = t.statuses.length;
    expect(t.machine.offer(offerOf(NEXT, 0.3))).toBe('not-in-share');
    await t.machine.whenQuiet();
    expect(requests).toEqual([]);
    expect(t.statuses.length).toBe(before);
    expect(t.machine.status()).toMatchObject({ updateState: 'idle', runningVersion: RUNNING, updateVersion: null });

    expect(t.machine.offer(offerOf(NEXT, 1))).toBe('accepted');
    await t.machine.whenQuiet();
    expect(t.installer.installs.map((install) => install.version)).toEqual([NEXT]);
  });

  it('downloads, verifies, waits while the terminal is in use or not idle long enough, then installs and asks for a restart', async () => {
    const t = terminal(RUNNING);
    t.use.inUse = true;
    expect(t.machine.offer(offerOf())).toBe('accepted');
    await t.machine.whenQuiet();
    expect(requests).toEqual(['/gov-service-kiosk_0.2.0_amd64.deb']);
    expect(states(t)).toEqual(['idle', 'downloading', 'verifying', 'waiting-for-idle']);
    expect(t.machine.status()).toMatchObject({ updateVersion: NEXT, runningVersion: RUNNING, updateError: null });

    clock.advance(60_000);
    await t.machine.whenQuiet();
    expect(t.installer.installs).toEqual([]);

    // The session is over, but only just.
    t.use.inUse = false;
    t.use.idleFor = IDLE_S - 1;
    clock.advance(60_000);
    await t.machine.whenQuiet();
    expect(t.installer.installs).toEqual([]);
    expect(t.restarts).toEqual([]);

    t.use.idleFor = IDLE_S;
    clock.advance(15_000);
    await t.machine.whenQuiet();
    expect(t.installer.installs.map((install) => install.version)).toEqual([NEXT]);
    expect(t.installer.installs[0]?.bytes?.equals(packageBytes)).toBe(true);
    expect(states(t).slice(-2)).toEqual(['installing', 'health-check']);
    expect(t.machine.status()).toMatchObject({ updateState: 'health-check', previousVersion: RUNNING, runningVersion: RUNNING });
    expect(t.restarts).toEqual(['installed']);
    // Still the old code: its confirmation does not count.
    expect(t.machine.confirmHealthy()).toBe(false);
  });

  it('is confirmed when the new version, after its restart, says it is healthy', async () => {
    await installNext();
    const after = terminal(NEXT);
    expect(after.machine.status()).toMatchObject({ updateState: 'health-check', updateVersion: NEXT, runningVersion: NEXT, previousVersion: RUNNING });
    clock.advance((HEALTH_S - 1) * 1000);
    expect(after.machine.confirmHealthy()).toBe(true);
    expect(after.machine.status()).toMatchObject({ updateState: 'confirmed', updateVersion: NEXT, previousVersion: RUNNING, updateError: null });
    clock.advance(HEALTH_S * 1000);
    await after.machine.whenQuiet();
    expect(after.installer.rollbacks).toEqual([]);
    expect(JSON.parse(await stateFile())).toMatchObject({ phase: { state: 'confirmed' } });
    // The same offer again is not newer than what now runs.
    expect(after.machine.offer(offerOf())).toBe('not-newer');
  });

  it('rolls back when the new version does not confirm by the deadline, and does not take that offer again', async () => {
    const attribute = offerOf();
    await installNext(attribute);
    const after = terminal(NEXT);
    clock.advance(HEALTH_S * 1000);
    await after.machine.whenQuiet();
    expect(after.installer.rollbacks).toEqual([RUNNING]);
    expect(after.restarts).toEqual(['rolled-back']);
    expect(states(after).slice(-2)).toEqual(['rolling-back', 'rolled-back']);
    expect(after.machine.status().updateError).toMatch(/did not confirm it is healthy within 300 s/);
    expect(after.machine.confirmHealthy()).toBe(false);

    const back = terminal(RUNNING);
    expect(back.machine.status()).toMatchObject({ updateState: 'rolled-back', updateVersion: NEXT, runningVersion: RUNNING });
    expect(back.machine.offer(attribute)).toBe('already-refused');
    // Signed again, the operator retries it on purpose.
    expect(back.machine.offer(offerOf())).toBe('accepted');
    await back.machine.whenQuiet();
  });

  it('waits for the end of a session before rolling back', async () => {
    await installNext();
    const after = terminal(NEXT);
    after.use.inUse = true;
    clock.advance(HEALTH_S * 1000);
    await after.machine.whenQuiet();
    expect(after.machine.status().updateState).toBe('rolling-back');
    expect(after.installer.rollbacks).toEqual([]);
    after.use.inUse = false;
    clock.advance(15_000);
    await after.machine.whenQuiet();
    expect(after.installer.rollbacks).toEqual([RUNNING]);
  });

  it('rolls back when the new version starts again without having confirmed (a crash loop)', async () => {
    await installNext();
    const first = terminal(NEXT);
    expect(first.machine.status().updateState).toBe('health-check');
    await first.machine.stop();
    const second = terminal(NEXT);
    await second.machine.whenQuiet();
    expect(second.installer.rollbacks).toEqual([RUNNING]);
    expect(second.machine.status()).toMatchObject({ updateState: 'rolled-back', previousVersion: RUNNING });
    expect(second.machine.status().updateError).toMatch(/started 2 times without confirming/);
    expect(second.restarts).toEqual(['rolled-back']);
  });

  it('finishes an install cut short by its own restart from the version that came up', async () => {
    const never = new FakeInstaller(RUNNING);
    // An installer that restarts the process itself (electron-updater's quitAndInstall) never returns.
    never.install = () => new Promise<void>(() => undefined);
    const cut = terminal(RUNNING, { installer: never });
    cut.machine.offer(offerOf());
    await expect.poll(() => cut.machine.status().updateState).toBe('installing');
    expect(terminal(NEXT).machine.status()).toMatchObject({ updateState: 'health-check', runningVersion: NEXT, previousVersion: RUNNING });
  });

  it('refuses a tampered package (wrong SM3) and never installs it', async () => {
    const tampered = Buffer.from(packageBytes);
    tampered[1000] = (tampered[1000] ?? 0) ^ 0xff;
    served.set('/gov-service-kiosk_0.2.0_amd64.deb', tampered);
    const t = terminal(RUNNING);
    const attribute = offerOf();
    expect(t.machine.offer(attribute)).toBe('accepted');
    await t.machine.whenQuiet();
    clock.advance(3_600_000);
    await t.machine.whenQuiet();
    expect(t.installer.installs).toEqual([]);
    expect(t.machine.status()).toMatchObject({ updateState: 'verification-failed', updateVersion: NEXT });
    expect(t.machine.status().updateError).toMatch(/^digest-mismatch/);
    expect(await readdir(path.join(dataDir, 'updates'))).toEqual([]);
    expect(t.machine.offer(attribute)).toBe('already-refused');
    expect(requests.length).toBe(1);
  });

  it('refuses a package longer than its manifest says', async () => {
    // Announced too long: not even read (and tried again later); sent too long without a length: refused.
    served.set('/gov-service-kiosk_0.2.0_amd64.deb', Buffer.concat([packageBytes, Buffer.from('more')]));
    const t = terminal(RUNNING);
    t.machine.offer(offerOf());
    await t.machine.whenQuiet();
    expect(t.machine.status()).toMatchObject({ updateState: 'download-failed' });
    expect(t.machine.status().updateError).toMatch(/too-large/);
    served.set('/chunked/gov-service-kiosk_0.2.0_amd64.deb', Buffer.concat([packageBytes, Buffer.from('more')]));
    t.machine.offer(offerOf(NEXT, 1, { url: `${base}/chunked/gov-service-kiosk_0.2.0_amd64.deb` }));
    await t.machine.whenQuiet();
    expect(t.machine.status()).toMatchObject({ updateState: 'verification-failed' });
    expect(t.machine.status().updateError).toMatch(/^size-mismatch: the download is more than 262144 bytes/);
    expect(t.installer.installs).toEqual([]);
  });

  it('refuses a manifest not signed by the release key without downloading anything', async () => {
    const t = terminal(RUNNING);
    expect(t.machine.offer(offerOf(NEXT, 1, { privateKey: sm2.generateKeyPairHex().privateKey }))).toBe('refused');
    await t.machine.whenQuiet();
    expect(requests).toEqual([]);
    expect(t.installer.installs).toEqual([]);
    expect(t.machine.status()).toMatchObject({ updateState: 'verification-failed', updateVersion: null });
    expect(t.machine.status().updateError).toMatch(/^bad-signature/);
  });

  it('refuses a signed manifest that points at plain http:// off this machine, or is bigger than the terminal takes', async () => {
    const t = terminal(RUNNING, { maxPackageBytes: 1024 });
    expect(t.machine.offer(offerOf(NEXT, 1, { url: 'http://updates.example.cn/gov-service-kiosk_0.2.0_amd64.deb' }))).toBe('refused');
    expect(t.machine.status().updateError).toMatch(/bad-manifest: url: the package URL must be https/);
    expect(t.machine.offer(offerOf())).toBe('refused');
    expect(t.machine.status().updateError).toMatch(/^too-large/);
    await t.machine.whenQuiet();
    expect(requests).toEqual([]);
  });

  it('retries a failed download with a growing delay', async () => {
    failuresLeft = 2;
    const t = terminal(RUNNING);
    t.machine.offer(offerOf());
    await t.machine.whenQuiet();
    expect(t.machine.status()).toMatchObject({ updateState: 'download-failed' });
    expect(t.machine.status().updateError).toMatch(/answered 503/);
    clock.advance(RETRY.firstDelayMs - 1);
    await t.machine.whenQuiet();
    expect(requests.length).toBe(1);
    clock.advance(1);
    await t.machine.whenQuiet();
    expect(requests.length).toBe(2);
    // Second failure: twice the delay.
    clock.advance(RETRY.firstDelayMs);
    await t.machine.whenQuiet();
    expect(requests.length).toBe(2);
    clock.advance(RETRY.firstDelayMs);
    await t.machine.whenQuiet();
    expect(requests.length).toBe(3);
    expect(t.installer.installs.map((install) => install.version)).toEqual([NEXT]);
  });

  it('resumes a download retry after a restart', async () => {
    failuresLeft = 1;
    const t = terminal(RUNNING);
    t.machine.offer(offerOf());
    await t.machine.whenQuiet();
    await t.machine.stop();
    const again = terminal(RUNNING);
    expect(again.machine.status().updateState).toBe('download-failed');
    clock.advance(RETRY.firstDelayMs);
    await again.machine.whenQuiet();
    expect(again.installer.installs.map((install) => install.version)).toEqual([NEXT]);
  });

  it('stays on the old version when the install fails, and says why', async () => {
    const installer = new FakeInstaller(RUNNING);
    installer.failInstall = 'apt-get could not install gov-service-kiosk_0.2.0.deb (exit 100): E: dependency problems';
    const t = terminal(RUNNING, { installer });
    const attribute = offerOf();
    t.machine.offer(attribute);
    await t.machine.whenQuiet();
    expect(t.machine.status()).toMatchObject({ updateState: 'install-failed', runningVersion: RUNNING, previousVersion: RUNNING, updateError: installer.failInstall });
    expect(t.restarts).toEqual([]);
    expect(t.machine.offer(attribute)).toBe('already-refused');
  });

  it('reports a rollback that cannot be done', async () => {
    await installNext();
    const installer = new FakeInstaller(NEXT);
    installer.failRollback = 'no package of 0.1.0 is kept';
    const after = terminal(NEXT, { installer });
    clock.advance(HEALTH_S * 1000);
    await after.machine.whenQuiet();
    expect(after.machine.status()).toMatchObject({ updateState: 'rollback-failed' });
    expect(after.machine.status().updateError).toMatch(/the rollback failed: no package of 0.1.0 is kept/);
    expect(after.restarts).toEqual([]);
  });

  it('ignores an offer of the running version or an older one', async () => {
    const t = terminal('0.3.0');
    const before = t.statuses.length;
    expect(t.machine.offer(offerOf('0.3.0'))).toBe('not-newer');
    expect(t.machine.offer(offerOf(NEXT))).toBe('not-newer');
    expect(t.machine.offer(offerOf('0.3.0-rc.1'))).toBe('not-newer');
    await t.machine.whenQuiet();
    expect(requests).toEqual([]);
    expect(t.statuses.length).toBe(before);
    expect(t.machine.status().updateState).toBe('idle');
  });

  it('reports a malformed attribute and changes nothing else', async () => {
    const t = terminal(RUNNING);
    t.use.inUse = true;
    t.machine.offer(offerOf());
    await t.machine.whenQuiet();
    const kept = await stateFile();
    for (const bad of [{ manifest: 'x' }, 'update', 7, { ...offerOf(), share: 1.5 }, { ...offerOf(), signature: 'zz' }, { ...offerOf(), extra: true }]) {
      expect(t.machine.offer(bad)).toBe('malformed');
      expect(t.statuses.at(-1)).toMatchObject({ updateState: 'waiting-for-idle', updateVersion: NEXT });
      expect(t.statuses.at(-1)?.updateError).toMatch(/^the update attribute is malformed: /);
    }
    expect(await stateFile()).toBe(kept);
    t.use.inUse = false;
    clock.advance(15_000);
    await t.machine.whenQuiet();
    expect(t.installer.installs.map((install) => install.version)).toEqual([NEXT]);
  });

  it('says when an offer is for another kind of installer', () => {
    const t = terminal(RUNNING, { installer: new FakeInstaller(RUNNING, { packageFormat: 'appimage' }) });
    expect(t.machine.offer(offerOf())).toBe('not-for-this-terminal');
    expect(t.machine.status()).toMatchObject({ updateState: 'idle', updateError: 'the offered package is deb; this terminal installs appimage' });
  });

  it('gives up a verified package not yet installed when the offer is withdrawn or the share lowered', async () => {
    const id = terminalIdFor(NEXT, 0.5, true);
    const share = Math.min(1, rolloutPosition(id, NEXT) + 0.01);
    const t = terminal(RUNNING, { terminalId: id });
    t.use.inUse = true;
    expect(t.machine.offer(offerOf(NEXT, share))).toBe('accepted');
    await t.machine.whenQuiet();
    expect(t.machine.status().updateState).toBe('waiting-for-idle');
    const attribute = offerOf(NEXT, share);
    expect(t.machine.offer(attribute)).toBe('accepted');
    await t.machine.whenQuiet();
    expect(t.machine.offer({ ...attribute, share: 1 })).toBe('unchanged');
    expect(t.machine.offer({ ...attribute, share: 0 })).toBe('not-in-share');
    await t.machine.whenQuiet();
    expect(t.machine.status().updateState).toBe('idle');
    expect(await readdir(path.join(dataDir, 'updates'))).toEqual([]);

    expect(t.machine.offer(attribute)).toBe('accepted');
    await t.machine.whenQuiet();
    expect(t.machine.offer(null)).toBe('withdrawn');
    await t.machine.whenQuiet();
    expect(t.machine.status().updateState).toBe('idle');
    t.use.inUse = false;
    clock.advance(60_000);
    await t.machine.whenQuiet();
    expect(t.installer.installs).toEqual([]);
  });

  it('takes up an offer that came during the health check once the new version is confirmed', async () => {
    await installNext();
    served.set('/gov-service-kiosk_0.3.0_amd64.deb', packageBytes);
    const after = terminal(NEXT);
    expect(after.machine.offer(offerOf('0.3.0', 1, { url: `${base}/gov-service-kiosk_0.3.0_amd64.deb` }))).toBe('deferred');
    await after.machine.whenQuiet();
    expect(requests.length).toBe(1);
    after.machine.confirmHealthy();
    await after.machine.whenQuiet();
    expect(after.installer.installs.map((install) => install.version)).toEqual(['0.3.0']);
    expect(after.machine.status()).toMatchObject({ updateState: 'health-check', previousVersion: NEXT });
  });

  it('starts afresh, and says so, from a state file it cannot read', async () => {
    await writeFile(path.join(dataDir, 'update-state.json'), '{"phase": {"state": "exploded"}}');
    const t = terminal(RUNNING);
    expect(t.machine.status()).toMatchObject({ updateState: 'idle' });
    expect(t.machine.status().updateError).toMatch(/^the update state was unreadable/);
    expect(JSON.parse(await stateFile())).toEqual({ phase: { state: 'idle' }, refused: [] });
  });
});

describe('staged update from the operator\'s apt repository', () => {
  const aptOffer = (version = NEXT, share = 1) => aptUpdateAttributeOf({ version, privateKey: release.privateKey, share });
  const aptTerminal = (running: string) => terminal(running, { installer: new FakeInstaller(running, { packageFormat: 'apt' }) });

  it('downloads nothing itself: waits for an idle moment, has the installer fetch the version, then restarts into it', async () => {
    const t = aptTerminal(RUNNING);
    t.use.inUse = true;
    expect(t.machine.offer(aptOffer())).toBe('accepted');
    await t.machine.whenQuiet();
    expect(requests).toEqual([]);
    expect(states(t)).toEqual(['idle', 'waiting-for-idle']);
    expect(t.installer.installs).toEqual([]);

    t.use.inUse = false;
    clock.advance(60_000);
    await t.machine.whenQuiet();
    expect(t.installer.installs).toEqual([{ version: NEXT, bytes: null }]);
    expect(t.restarts).toEqual(['installed']);
    const after = aptTerminal(NEXT);
    expect(after.machine.confirmHealthy()).toBe(true);
    expect(after.machine.status()).toMatchObject({ updateState: 'confirmed', updateVersion: NEXT, previousVersion: RUNNING });
  });

  it('goes on waiting after a restart, and refuses an apt offer on a terminal that installs package files', async () => {
    const t = aptTerminal(RUNNING);
    t.use.inUse = true;
    expect(t.machine.offer(aptOffer())).toBe('accepted');
    await t.machine.whenQuiet();
    await t.machine.stop();
    expect(JSON.parse(await stateFile())).toMatchObject({ phase: { state: 'waiting-for-idle', file: null } });
    // The next process (idle now): it takes up the wait it finds, with no file to look for, and installs.
    const restarted = aptTerminal(RUNNING);
    await restarted.machine.whenQuiet();
    expect(states(restarted).slice(-2)).toEqual(['installing', 'health-check']);
    expect(restarted.installer.installs).toEqual([{ version: NEXT, bytes: null }]);
    expect(requests).toEqual([]);

    const debTerminal = terminal(RUNNING, { stateFile: path.join(dataDir, 'other-state.json') });
    expect(debTerminal.machine.offer(aptOffer('0.3.0'))).toBe('not-for-this-terminal');
    expect(debTerminal.machine.status().updateError).toBe('the offered package is apt; this terminal installs deb');
  });

  it('rolls back through the installer when the new version does not confirm in time', async () => {
    const t = aptTerminal(RUNNING);
    expect(t.machine.offer(aptOffer())).toBe('accepted');
    await t.machine.whenQuiet();
    const after = aptTerminal(NEXT);
    clock.advance((HEALTH_S + 1) * 1000);
    await after.machine.whenQuiet();
    expect(after.installer.rollbacks).toEqual([RUNNING]);
    expect(after.restarts).toEqual(['rolled-back']);
  });
});

describe('package download', () => {
  const into = () => path.join(dataDir, 'updates', 'p.part');

  it('takes only https:// or http:// to this machine', async () => {
    await expect(downloadPackage({ url: 'http://updates.example.cn/p.deb', into: into(), expectedSize: 1, timeoutMs: 1000 })).rejects.toMatchObject({ reason: 'refused-url' });
    expect(requests).toEqual([]);
  });

  it('stops reading one byte past the announced size', async () => {
    served.set('/chunked/big', randomBytes(100_000));
    expect(await downloadPackage({ url: `${base}/chunked/big`, into: into(), expectedSize: 10, timeoutMs: 5000 })).toBe(11);
    expect((await readFile(into())).byteLength).toBe(11);
  });

  it('gives up after its time limit and leaves no partial file', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/p.deb`;
      const failure = await downloadPackage({ url, into: into(), expectedSize: 10, timeoutMs: 300 }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(PackageDownloadFailed);
      expect(failure).toMatchObject({ reason: 'timeout' });
      expect(existsSync(into())).toBe(false);
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('says what a missing package answered', async () => {
    await expect(downloadPackage({ url: `${base}/missing.deb`, into: into(), expectedSize: 10, timeoutMs: 5000 })).rejects.toMatchObject({ reason: 'http-status' });
  });
});

describe('the release side', () => {
  it('signs a .deb with scripts/sign-update.ts into the attribute a terminal takes', async () => {
    const script = path.resolve(import.meta.dirname, '..', '..', 'scripts', 'sign-update.ts');
    const key = path.join(dataDir, 'release.key');
    const generated = await runToEnd(process.execPath, [script, '--generate-key', key]);
    expect(generated.code).toBe(0);
    const publicKey = generated.stdout.trim();
    const deb = path.join(dataDir, 'gov-service-kiosk_0.2.0_amd64.deb');
    await writeFile(deb, packageBytes);
    const signed = await runToEnd(process.execPath, [script, '--key', key, '--url', 'https://updates.example.cn/gov-service-kiosk_0.2.0_amd64.deb', '--share', '0.1', deb]);
    expect(signed.code).toBe(0);
    const { update } = JSON.parse(signed.stdout) as { update: unknown };
    expect(readUpdateAttribute(update, publicKey)).toMatchObject({ kind: 'offer', share: 0.1, offer: { update: { version: NEXT, size: packageBytes.byteLength, format: 'deb' } } });
    expect(readUpdateAttribute(update, release.publicKey)).toMatchObject({ kind: 'refused' });
  });

  it('signs a version of the operator\'s apt repository (no file, no URL) with scripts/sign-update.ts, and refuses a file or a URL with it', async () => {
    const script = path.resolve(import.meta.dirname, '..', '..', 'scripts', 'sign-update.ts');
    const key = path.join(dataDir, 'release.key');
    const publicKey = (await runToEnd(process.execPath, [script, '--generate-key', key])).stdout.trim();
    const signed = await runToEnd(process.execPath, [script, '--key', key, '--format', 'apt', '--version', NEXT, '--share', '0.5']);
    expect(signed.code).toBe(0);
    const { update } = JSON.parse(signed.stdout) as { update: unknown };
    const reading = readUpdateAttribute(update, publicKey);
    expect(reading).toMatchObject({ kind: 'offer', share: 0.5, offer: { update: { format: 'apt', version: NEXT } } });
    expect(reading.kind === 'offer' ? Object.keys(reading.offer.update).sort() : []).toEqual(['createdAt', 'format', 'version']);
    const withUrl = await runToEnd(process.execPath, [script, '--key', key, '--format', 'apt', '--version', NEXT, '--url', 'https://x.example/p.deb']);
    expect(withUrl).toMatchObject({ code: 1, stderr: 'sign-update: an apt offer has no --url (the terminals have the repository in their apt sources)\n' });
    const noVersion = await runToEnd(process.execPath, [script, '--key', key, '--format', 'apt']);
    expect(noVersion).toMatchObject({ code: 1, stderr: expect.stringContaining('--version <x.y.z> is needed') as string });
  });

  it('signs a manifest the terminal reads back', () => {
    const manifest = updateManifestOf({ bytes: packageBytes, format: 'deb', version: NEXT, url: 'https://updates.example.cn/p.deb' });
    const signed = signedManifest(manifest, release.privateKey);
    expect(signed.signature).toMatch(/^[0-9a-f]{128}$/);
    expect(sm2.doVerifySignature(signed.manifest, signed.signature, release.publicKey, { hash: true })).toBe(true);
  });
});
