import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sm3Hex } from '../../main/catalogue/catalogue-manifest.ts';
import { canonicalRequest } from '../../main/platform/request-signing.ts';
import { electronCryptoFindings } from './electron-crypto.ts';

const root = path.resolve(import.meta.dirname, '..', '..');
/** What the Electron bundle is built from: the host, the shells, the drivers (a superset of its import graph). */
const ELECTRON_LOADS = ['main', 'drivers'];

const sourceFiles = (dir: string): string[] =>
  !existsSync(path.join(root, dir))
    ? []
    : readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
        .filter((entry) => entry.isFile() && /\.(ts|tsx|mts|cts)$/.test(entry.name))
        .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));

describe('code that Electron loads uses only crypto that BoringSSL has', () => {
  it('holds for main/ and drivers/', () => {
    const files = ELECTRON_LOADS.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(100);
    const findings = files.flatMap((file) => electronCryptoFindings(file, readFileSync(path.join(root, file), 'utf8')));
    expect(findings.map((finding) => `${finding.file}:${finding.line} ${finding.call}: ${finding.why}`)).toEqual([]);
  });

  const caught: Array<[string, string]> = [
    ["import { createHash } from 'node:crypto';\ncreateHash('sm3');", 'no sm3'],
    ["import { createHash as h } from 'crypto';\nh('SM3');", 'no SM3'],
    ["import crypto from 'node:crypto';\ncrypto.createHmac('sm3', key);", 'no sm3'],
    ["import * as c from 'node:crypto';\nc.createCipheriv('sm4-cbc', key, iv);", 'no sm4-cbc'],
    ["import { createDecipheriv } from 'node:crypto';\ncreateDecipheriv('sm4-gcm', key, iv);", 'no sm4-gcm'],
    ["import { hkdfSync } from 'node:crypto';\nhkdfSync('sm3', k, s, i, 32);", 'no sm3'],
    ["import { pbkdf2Sync } from 'node:crypto';\npbkdf2Sync(p, s, 1000, 32, 'sm3');", 'no sm3'],
    ["import { createHash } from 'node:crypto';\ncreateHash(algorithm);", 'not a string literal'],
  ];
  it.each(caught)('catches %s', (source, why) => {
    const findings = electronCryptoFindings('main/x.ts', source);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.why).toContain(why);
  });

  it.each([
    ["import { createHash } from 'node:crypto';\ncreateHash('sha256');"],
    ["import { createCipheriv } from 'node:crypto';\ncreateCipheriv('aes-256-gcm', key, nonce);"],
    // Not node:crypto: a library's own function of the same name is not BoringSSL's business.
    ["import { createHash } from './my-hash.ts';\ncreateHash('sm3');"],
  ])('allows %s', (source) => {
    expect(electronCryptoFindings('main/x.ts', source)).toEqual([]);
  });
});

describe('SM3 in pure JS (sm-crypto-v2), as the kiosk computes it', () => {
  it('equals OpenSSL\'s SM3 on any text, Chinese included', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => sm3Hex(text) === createHash('sm3').update(text, 'utf8').digest('hex')));
  });

  it('signs the digest of the body\'s bytes', () => {
    const body = Buffer.from('{"name":"张三"}', 'utf8');
    const digest = createHash('sm3').update(body).digest('hex');
    expect(canonicalRequest('post', '/v1/cases', 't', 'n', body)).toBe(`POST\n/v1/cases\nt\nn\n${digest}`);
  });
});
