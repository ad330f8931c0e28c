import { sm2 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { checkTerminalConfig } from '../../../main/config/terminal-config-file.ts';

const minimal = {
  terminalId: 'T-0001',
  hallName: { 'zh-CN': '测试大厅' },
  dataDir: 'data',
  platform: { baseUrl: 'https://gw.example.gov.cn/kiosk/' },
};
const publicKey = sm2.generateKeyPairHex().publicKey;

describe('fleet.updates config', () => {
  it('fills in the defaults and resolves the download directory against the config file', () => {
    const reading = checkTerminalConfig({ ...minimal, fleet: { updates: { publicKey, downloadDir: 'updates' } } }, '/etc/kiosk');
    if (!reading.ok) throw new Error(JSON.stringify(reading.problems));
    expect(reading.config.fleet?.updates).toEqual({
      publicKey,
      installer: 'deb',
      healthCheckSeconds: 300,
      downloadDir: '/etc/kiosk/updates',
      idleSeconds: 120,
      downloadTimeoutSeconds: 1800,
      maxPackageMiB: 1024,
    });
    const without = checkTerminalConfig({ ...minimal, fleet: { updates: { publicKey } } }, '/etc/kiosk');
    expect(without.ok && without.config.fleet?.updates?.downloadDir).toBeUndefined();
  });

  it('refuses a key that is not an uncompressed SM2 public key, and an unknown installer', () => {
    const reading = checkTerminalConfig({ ...minimal, fleet: { updates: { publicKey: publicKey.slice(2), installer: 'snap' } } }, '/etc/kiosk');
    expect(reading.ok).toBe(false);
    if (reading.ok) return;
    expect(reading.problems.map((problem) => problem.path).sort()).toEqual(['$.fleet.updates.installer', '$.fleet.updates.publicKey']);
  });
});
