import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTerminalConfig, formatJsonPath, readTerminalConfig } from '../../../main/config/terminal-config-file.ts';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const minimal = {
  terminalId: 'T-0001',
  hallName: { 'zh-CN': '测试大厅' },
  dataDir: 'data',
  platform: { baseUrl: 'https://gw.example.gov.cn/kiosk/' },
};

describe('terminal config', () => {
  it('accepts the demo terminal', async () => {
    const reading = await readTerminalConfig(path.join(root, 'kiosk-config', 'terminals', 'demo.json'));
    expect(reading.ok).toBe(true);
  });

  // Review finding: the first release of help had help.timeZone; a config written for it must still load.
  it('takes the hall time zone at the top (Asia/Shanghai by default), and still a help.timeZone of the first release', () => {
    const plain = checkTerminalConfig(minimal, '/etc/kiosk');
    expect(plain.ok && plain.config.timeZone).toBe('Asia/Shanghai');
    const older = checkTerminalConfig({ ...minimal, help: { staffOnSite: { from: '08:00', to: '20:00' }, timeZone: 'Asia/Urumqi' } }, '/etc/kiosk');
    expect(older.ok && older.config.help).toEqual({ staffOnSite: { from: '08:00', to: '20:00' }, timeZone: 'Asia/Urumqi' });
    const wrong = checkTerminalConfig({ ...minimal, timeZone: 'Mars/Olympus' }, '/etc/kiosk');
    expect(wrong.ok ? [] : wrong.problems.map((problem) => problem.message)).toEqual([expect.stringContaining('an IANA time zone')]);
  });

  it('fills in defaults and resolves dataDir against the config file', () => {
    const reading = checkTerminalConfig(minimal, '/etc/kiosk');
    if (!reading.ok) throw new Error(JSON.stringify(reading.problems));
    expect(reading.config).toMatchObject({
      defaultLocale: 'zh-CN',
      locales: ['zh-CN', 'en'],
      dataDir: '/etc/kiosk/data',
      session: { idleTimeoutSeconds: 90, warningSeconds: 20 },
      home: { entries: [] },
      devices: [],
      platform: { timeoutMs: 5000, healthIntervalSeconds: 30 },
    });
  });

  it('reports every problem with its JSON path', () => {
    const reading = checkTerminalConfig(
      {
        ...minimal,
        terminalId: 'x',
        platform: { baseUrl: 'ftp://example' },
        session: { idleTimeoutSeconds: 0 },
        devices: [{ id: 'reader', kind: 'idcard-reader', connection: { type: 'serial' } }],
        colour: 'blue',
      },
      '/',
    );
    expect(reading.ok).toBe(false);
    if (reading.ok) return;
    expect(reading.problems.map((problem) => problem.path)).toEqual([
      '$.terminalId',
      '$.platform.baseUrl',
      '$.session.idleTimeoutSeconds',
      '$.devices[0].connection.path',
      '$',
    ]);
    expect(reading.problems.at(-1)?.message).toBe('unknown key "colour"');
  });

  // Review finding 6: the config took http:// to any host, and platform answers that purge data or open doors rely on TLS.
  it.each([
    ['http://gw.example.gov.cn/kiosk/', false],
    ['http://10.0.0.5:8700/', false],
    ['http://localhost.example.com/', false],
    ['https://gw.example.gov.cn/kiosk/', true],
    ['http://127.0.0.1:8700/', true],
    ['http://localhost:8700/', true],
    ['http://[::1]:8700/', true],
  ])('takes the platform at %s: %s (https://, or plain http to this machine only)', (baseUrl, ok) => {
    const reading = checkTerminalConfig({ ...minimal, platform: { baseUrl } }, '/');
    expect(reading.ok).toBe(ok);
    if (!reading.ok) expect(reading.problems[0]).toMatchObject({ path: '$.platform.baseUrl', message: expect.stringContaining('https://') });
  });

  it('catches duplicates and a default locale that is not offered', () => {
    const reading = checkTerminalConfig(
      {
        ...minimal,
        defaultLocale: 'en',
        locales: ['zh-CN'],
        home: { entries: ['my-cases', 'my-cases'] },
        devices: [
          { id: 'p', kind: 'receipt-printer', connection: { type: 'usb-printer', path: '/dev/usb/lp0' } },
          { id: 'p', kind: 'qr-scanner', connection: { type: 'hid', vendorId: 1, productId: 2 } },
        ],
      },
      '/',
    );
    expect(reading.ok).toBe(false);
    if (reading.ok) return;
    expect(reading.problems).toEqual(
      expect.arrayContaining([
        { path: '$.home.entries[1]', message: 'duplicate home entry "my-cases"' },
        { path: '$.devices[1]', message: 'duplicate device id "p"' },
        { path: '$.defaultLocale', message: 'must be one of "locales"' },
      ]),
    );
  });

  it('formats JSON paths the way technicians read them', () => {
    expect(formatJsonPath([])).toBe('$');
    expect(formatJsonPath(['devices', 0, 'connection', 'path'])).toBe('$.devices[0].connection.path');
    expect(formatJsonPath(['hallName', 'zh-CN'])).toBe('$.hallName["zh-CN"]');
  });

  describe('files', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'kiosk-config-'));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('reports a missing file and broken JSON at $', async () => {
      expect(await readTerminalConfig(path.join(dir, 'none.json'))).toEqual({ ok: false, problems: [{ path: '$', message: 'file not found' }] });
      await writeFile(path.join(dir, 'broken.json'), '{"terminalId": ');
      const broken = await readTerminalConfig(path.join(dir, 'broken.json'));
      expect(broken).toMatchObject({ ok: false, problems: [{ path: '$', message: expect.stringContaining('not valid JSON') }] });
    });
  });
});
