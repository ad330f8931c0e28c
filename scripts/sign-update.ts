import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sm2 } from 'sm-crypto-v2';
import { writeFileDurably } from '../main/storage/durable-file.ts';
import { packageFileFormatSchema, releaseVersionSchema, updateManifestSchema, type UpdateAttribute } from '../main/fleet/update-manifest.ts';
import { aptUpdateAttributeOf, updateAttributeOf } from './update-signing.ts';

/**
 * Signs a package for a staged update and prints the shared attributes to set on the terminals' device group
 * (docs/fleet-updates.md):
 *
 *   node scripts/sign-update.ts --generate-key release.key          # once: prints the public key for fleet.updates.publicKey
 *   node scripts/sign-update.ts --key release.key --url https://… [--share 0.1] [--version 0.2.0] dist/gov-service-kiosk_0.2.0_amd64.deb
 *   node scripts/sign-update.ts --key release.key --format apt --version 0.2.0 [--share 0.1]   # a version in the operator's apt repository
 */
function fail(message: string): never {
  process.stderr.write(`sign-update: ${message}\n`);
  process.exit(1);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'generate-key': { type: 'string' },
    key: { type: 'string' },
    url: { type: 'string' },
    share: { type: 'string', default: '0' },
    version: { type: 'string' },
    format: { type: 'string' },
  },
});

if (values['generate-key'] !== undefined) {
  const { privateKey, publicKey } = sm2.generateKeyPairHex();
  writeFileDurably(values['generate-key'], `${privateKey}\n`, { mode: 0o600 });
  process.stdout.write(`${publicKey}\n`);
  process.exit(0);
}

if (values.key === undefined) fail('--key <file with the release private key> is needed');
const share = Number(values.share);
if (!(share >= 0 && share <= 1)) fail('--share is a fraction from 0 to 1');
const readPrivateKey = (file: string): string => {
  const key = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-fA-F]{64}$/.test(key)) fail(`${file} does not hold an SM2 private key (64 hex digits)`);
  return key;
};
const privateKey = readPrivateKey(values.key);
const createdAt = new Date().toISOString();

/** An apt offer names a version of the repository's package; any other offer is signed over its file. */
const offerNow = (): UpdateAttribute => {
  if (values.format === 'apt') {
    if (positionals.length !== 0) fail('an apt offer names no package file (apt fetches it from the repository)');
    if (values.url !== undefined) fail('an apt offer has no --url (the terminals have the repository in their apt sources)');
    const version = releaseVersionSchema.safeParse(values.version);
    if (!version.success) fail('--version <x.y.z> is needed: the version published in the repository');
    return aptUpdateAttributeOf({ version: version.data, privateKey, share, createdAt });
  }
  const [packageFile] = positionals;
  if (packageFile === undefined || positionals.length !== 1) fail('name one package file (or --format apt --version <x.y.z>)');
  if (values.url === undefined) fail('--url <where the terminals download the package> is needed');
  const name = path.basename(packageFile);
  const format = packageFileFormatSchema.safeParse(values.format ?? (name.endsWith('.deb') ? 'deb' : name.endsWith('.AppImage') ? 'appimage' : name.endsWith('.exe') ? 'nsis' : ''));
  if (!format.success) fail('--format deb|appimage|nsis is needed for a file not named .deb, .AppImage or .exe (or --format apt)');
  // gov-service-kiosk_0.2.0_amd64.deb names its version; other packages say it with --version.
  const version = releaseVersionSchema.safeParse(values.version ?? /_([^_]+)_[^_]+\.deb$/.exec(name)?.[1]);
  if (!version.success) fail('--version <x.y.z> is needed (the file name does not say a version)');
  return updateAttributeOf({ bytes: readFileSync(packageFile), format: format.data, version: version.data, url: values.url, privateKey, share, createdAt });
};
const attribute = offerNow();
// The terminal's own check of the manifest (https://, the fields), so a bad one is caught here rather than by every terminal.
const checked = updateManifestSchema.safeParse(JSON.parse(attribute.manifest));
if (!checked.success) fail(checked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
process.stdout.write(`${JSON.stringify({ update: attribute }, null, 2)}\n`);
