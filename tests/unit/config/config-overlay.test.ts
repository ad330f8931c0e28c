import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { overlayFileIn, overlayHash, overlayShapeProblems, storeOverlay } from '../../../main/config/config-overlay.ts';
import { readTerminalConfig } from '../../../main/config/terminal-config-file.ts';

/**
 * The fleet operator's config overlay (issue 23): kept in the data directory, merged over the terminal's own config
 * when it is read, used only when the whole still checks, and never allowed to change who the terminal is.
 */
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kiosk-overlay-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const TERMINAL = {
  terminalId: 'T-310115-0009',
  hallName: { 'zh-CN': '测试大厅' },
  dataDir: 'data',
  platform: { baseUrl: 'https://zwfw.example.gov.cn/kiosk/' },
  session: { idleTimeoutSeconds: 90, warningSeconds: 20 },
  extends: 'community-hall',
};
const configFile = async () => {
  const file = path.join(dir, 'terminal.json');
  await writeFile(file, JSON.stringify(TERMINAL));
  await mkdir(path.join(dir, 'data'), { recursive: true });
  return file;
};

describe('the fleet’s config overlay', () => {
  it('is merged over the config file when the terminal reads it, the file’s own config kept beside it', async () => {
    const file = await configFile();
    storeOverlay(path.join(dir, 'data'), { session: { idleTimeoutSeconds: 45 }, receipt: { hotline: '0571-12345' } });
    const reading = await readTerminalConfig(file);
    if (!reading.ok) throw new Error(JSON.stringify(reading.problems));
    expect(reading.config.session).toMatchObject({ idleTimeoutSeconds: 45, warningSeconds: 20 });
    expect(reading.config.receipt.hotline).toBe('0571-12345');
    expect(reading.base?.session.idleTimeoutSeconds).toBe(90);
    expect(reading.overlay).toEqual({ applied: true, hash: overlayHash({ receipt: { hotline: '0571-12345' }, session: { idleTimeoutSeconds: 45 } }) });
    expect(reading.profile).toBe('community-hall');
  });

  it('is refused, with its problems, when the whole would not check: the file’s config runs', async () => {
    const file = await configFile();
    storeOverlay(path.join(dir, 'data'), { session: { idleTimeoutSeconds: -1 } });
    const reading = await readTerminalConfig(file);
    if (!reading.ok) throw new Error(JSON.stringify(reading.problems));
    expect(reading.config.session.idleTimeoutSeconds).toBe(90);
    expect(reading.overlay).toEqual({ applied: false, problems: [expect.stringMatching(/^\$\.session\.idleTimeoutSeconds: /) as string] });
  });

  it('says so when the kept overlay is not JSON, and runs on the file', async () => {
    const file = await configFile();
    await writeFile(overlayFileIn(path.join(dir, 'data')), '{ not json');
    const reading = await readTerminalConfig(file);
    if (!reading.ok) throw new Error(JSON.stringify(reading.problems));
    expect(reading.overlay).toMatchObject({ applied: false, problems: [expect.stringContaining('fleet-config-overlay.json') as string] });
    expect(reading.config.session.idleTimeoutSeconds).toBe(90);
  });

  it('may not set who the terminal is, where it keeps its data, its enrolment code or the fleet link itself', () => {
    expect(overlayShapeProblems({ terminalId: 'X-1', dataDir: '/tmp', fleet: {}, platform: { enrolmentCode: 'x' } })).toEqual([
      "terminalId: may not be set by the fleet (it is the terminal's own)",
      "dataDir: may not be set by the fleet (it is the terminal's own)",
      "fleet: may not be set by the fleet (it is the terminal's own)",
      "platform.enrolmentCode: may not be set by the fleet (it is the terminal's own)",
    ]);
    expect(overlayShapeProblems([1, 2])).toEqual(['the config overlay must be a JSON object']);
    expect(overlayShapeProblems({ session: { idleTimeoutSeconds: 45 } })).toEqual([]);
  });

  it('has one hash whatever the order of its keys', () => {
    expect(overlayHash({ a: 1, b: { c: 2, d: [3] } })).toBe(overlayHash({ b: { d: [3], c: 2 }, a: 1 }));
    expect(overlayHash({ a: 1 })).not.toBe(overlayHash({ a: 2 }));
  });
});
