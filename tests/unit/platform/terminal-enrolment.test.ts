import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TerminalRefused } from '../../../main/platform/platform-adapter.ts';
import { TerminalEnrolment } from '../../../main/platform/terminal-enrolment.ts';
import { PayloadSeal } from '../../../main/cases/sealed-payload.ts';
import { loadTerminalIdentity, markRegistered, privateKeySealedWith, TerminalIdentityUnusable } from '../../../main/platform/terminal-identity.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'enrolment-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('terminal identity and enrolment', () => {
  it('makes the key pair once, in a 0600 file, and refuses a key file of another terminal', async () => {
    const identity = loadTerminalIdentity(dir, 'T-310115-0001');
    expect(identity.publicKey).toMatch(/^04[0-9a-f]{128}$/);
    expect(loadTerminalIdentity(dir, 'T-310115-0001')).toEqual(identity);
    expect((await stat(path.join(dir, 'terminal-identity.json'))).mode & 0o777).toBe(0o600);
    expect(() => loadTerminalIdentity(dir, 'T-310115-0002')).toThrow(TerminalIdentityUnusable);
  });

  it('enrols once (concurrent callers share the attempt), remembers it, tries again after a failure, and again after forget()', async () => {
    const enrolTerminal = vi.fn<(code: string) => Promise<void>>().mockRejectedValueOnce(new TerminalRefused('bad-enrolment-code', 'no')).mockResolvedValue(undefined);
    const now = () => new Date('2026-11-23T08:00:00Z');
    const enrolment = new TerminalEnrolment({ identity: loadTerminalIdentity(dir, 'T-1'), dataDir: dir, enrolmentCode: 'CODE', platform: { enrolTerminal }, now });
    await expect(enrolment.ensure()).rejects.toBeInstanceOf(TerminalRefused);
    expect(enrolment.registered).toBe(false);
    const [first, second] = await Promise.all([enrolment.ensure(), enrolment.ensure()]);
    expect([first, second]).toEqual([true, true]);
    expect(enrolTerminal).toHaveBeenCalledTimes(2);
    expect(JSON.parse(await readFile(path.join(dir, 'terminal-identity.json'), 'utf8')).registeredAt).toBe('2026-11-23T08:00:00.000Z');
    // A restarted terminal knows it is registered.
    const restarted = new TerminalEnrolment({ identity: loadTerminalIdentity(dir, 'T-1'), dataDir: dir, enrolmentCode: 'CODE', platform: { enrolTerminal }, now });
    expect(await restarted.ensure()).toBe(true);
    expect(enrolTerminal).toHaveBeenCalledTimes(2);
    restarted.forget();
    expect(await restarted.ensure()).toBe(true);
    expect(enrolTerminal).toHaveBeenCalledTimes(3);
  });

  it('without an enrolment code it cannot enrol, and says so', async () => {
    const enrolTerminal = vi.fn<(code: string) => Promise<void>>();
    const enrolment = new TerminalEnrolment({ identity: loadTerminalIdentity(dir, 'T-1'), dataDir: dir, enrolmentCode: undefined, platform: { enrolTerminal }, now: () => new Date() });
    expect(await enrolment.ensure()).toBe(false);
    expect(enrolTerminal).not.toHaveBeenCalled();
  });
});

describe('the terminal identity at rest (review finding 11)', () => {
  const dataKey = (byte: number) => new PayloadSeal(Buffer.alloc(32, byte));

  it('keeps the SM2 private key sealed with the data key: the file alone gives it to nobody', async () => {
    const identity = loadTerminalIdentity(dir, 'T-310115-0001', privateKeySealedWith(dataKey(1)));
    const file = await readFile(path.join(dir, 'terminal-identity.json'), 'utf8');
    expect(file).not.toContain(identity.privateKey);
    expect(JSON.parse(file)).not.toHaveProperty('privateKey');
    expect(loadTerminalIdentity(dir, 'T-310115-0001', privateKeySealedWith(dataKey(1)))).toEqual(identity);
    expect(() => loadTerminalIdentity(dir, 'T-310115-0001', privateKeySealedWith(dataKey(2)))).toThrow(/sealed with another data key/);
  });

  it('seals a plain key file of an earlier version in place, and keeps it sealed when the registration is recorded', async () => {
    const plain = loadTerminalIdentity(dir, 'T-310115-0001');
    expect(await readFile(path.join(dir, 'terminal-identity.json'), 'utf8')).toContain(plain.privateKey);
    const sealed = loadTerminalIdentity(dir, 'T-310115-0001', privateKeySealedWith(dataKey(1)));
    expect(sealed.privateKey).toBe(plain.privateKey);
    markRegistered(dir, sealed, new Date('2026-12-02T08:00:00Z'));
    const file = await readFile(path.join(dir, 'terminal-identity.json'), 'utf8');
    expect(file).not.toContain(plain.privateKey);
    expect(JSON.parse(file)).toMatchObject({ registeredAt: '2026-12-02T08:00:00.000Z' });
    expect((await stat(path.join(dir, 'terminal-identity.json'))).mode & 0o777).toBe(0o600);
  });
});
