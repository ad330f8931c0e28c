import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROFILES_DIR } from '../../../main/config/config-profiles.ts';
import { checkProfileFile } from '../../../main/config/profile-check.ts';
import { readTerminalConfig } from '../../../main/config/terminal-config-file.ts';

/**
 * Profiles (issue 22): what terminals of one kind share — a community hall, an office building, a bank's ATM — in
 * kiosk-config/profiles/, which a terminal config names in "extends" and overrides where it says more.
 */
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kiosk-profiles-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const TERMINAL = { terminalId: 'T-310115-0009', hallName: { 'zh-CN': '测试大厅' }, dataDir: 'data', platform: { baseUrl: 'https://zwfw.example.gov.cn/kiosk/' } };
const write = async (name: string, value: object) => {
  const file = path.join(dir, name);
  await writeFile(file, JSON.stringify(value));
  return file;
};

describe('terminal profiles', () => {
  it('ships a community hall, an office building and a bank ATM profile, each valid', async () => {
    expect((await readdir(PROFILES_DIR)).sort()).toEqual(['bank-atm.json', 'community-hall.json', 'office-building.json']);
    for (const name of ['bank-atm', 'community-hall', 'office-building']) expect(await checkProfileFile(path.join(PROFILES_DIR, `${name}.json`))).toEqual({ ok: true, problems: [] });
  });

  it('gives a config that extends one the profile’s settings, the config’s own winning, objects merged and lists replaced', async () => {
    const file = await write('terminal.json', { ...TERMINAL, extends: 'bank-atm', session: { warningSeconds: 12 }, home: { entries: ['my-cases'] } });
    const reading = await readTerminalConfig(file);
    if (!reading.ok) throw new Error(JSON.stringify(reading.problems));
    // bank-atm: short sessions; the terminal's own warning wins, the profile's idle timeout stays.
    expect(reading.config.session).toMatchObject({ idleTimeoutSeconds: 60, warningSeconds: 12 });
    expect(reading.config.home.entries).toEqual(['my-cases']);
    expect(reading.config.terminalId).toBe(TERMINAL.terminalId);
  });

  it('takes a profile by path too, relative to the config, and says which is missing or broken', async () => {
    await write('province.json', { receipt: { hotline: '12345-8' } });
    const byPath = await readTerminalConfig(await write('a.json', { ...TERMINAL, extends: './province.json' }));
    expect(byPath.ok && byPath.config.receipt.hotline).toBe('12345-8');
    expect(await readTerminalConfig(await write('b.json', { ...TERMINAL, extends: 'village-hall' }))).toEqual({
      ok: false,
      problems: [{ path: '$.extends', message: 'no profile "village-hall" (there are: bank-atm, community-hall, office-building)' }],
    });
    await write('broken.json', { extends: './broken.json' });
    expect(await readTerminalConfig(await write('c.json', { ...TERMINAL, extends: './broken.json' }))).toMatchObject({ ok: false, problems: [{ path: '$.extends', message: expect.stringMatching(/extends itself/) }] });
    // A profile's mistake is reported in the terminal's terms: the merged config's path.
    await write('wrong.json', { session: { idleTimeoutSeconds: 'long' } });
    expect(await readTerminalConfig(await write('d.json', { ...TERMINAL, extends: './wrong.json' }))).toMatchObject({ ok: false, problems: [{ path: '$.session.idleTimeoutSeconds' }] });
  });

  it('checks a profile on its own: only what it sets, against the schema', async () => {
    expect(await checkProfileFile(await write('good.json', { session: { idleTimeoutSeconds: 45 } }))).toEqual({ ok: true, problems: [] });
    expect(await checkProfileFile(await write('bad.json', { session: { idleTimout: 45 } }))).toEqual({ ok: false, problems: [{ path: '$.session', message: 'unknown key "idleTimout"' }] });
    expect(await checkProfileFile(await write('own.json', { terminalId: 'T-1' }))).toMatchObject({ ok: false, problems: [{ path: '$.terminalId', message: expect.stringMatching(/belongs in the terminal's own config/) }] });
  });
});
