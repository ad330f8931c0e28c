import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sm2 } from 'sm-crypto-v2';
import { writeFileDurably } from '../main/storage/durable-file.ts';
import { packageFormatSchema, releaseVersionSchema, updateManifestSchema } from '../main/fleet/update-manifest.ts';
import { updateAttributeOf } from './update-signing.ts';

/**
 * Signs a package for a staged update and prints the shared attributes to set on the terminals' device group
 * (docs/fleet-updates.md):
 *
 *   node scripts/sign-update.ts --generate-key release.key          # once: prints the public key for fleet.updates.publicKey
 *   node scripts/sign-update.ts --key release.key --url https://… [--share 0.1] [--version 0.2.0] dist/gov-service-kiosk_0.2.0_amd64.deb
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

const [packageFile] = positionals;
if (packageFile === undefined || positionals.length !== 1) fail('name one package file');
if (values.key === undefined) fail('--key <file with the release private key> is needed');
if (values.url === undefined) fail('--url <where the terminals download the package> is needed');
const name = path.basename(packageFile);
const format = packageFormatSchema.safeParse(values.format ?? (name.endsWith('.deb') ? 'deb' : name.endsWith('.AppImage') ? 'appimage' : name.endsWith('.exe') ? 'nsis' : ''));
if (!format.success) fail('--format deb|appimage|nsis is needed for a file not named .deb, .AppImage or .exe');
// gov-service-kiosk_0.2.0_amd64.deb names its version; other packages say it with --version.
const version = releaseVersionSchema.safeParse(values.version ?? /_([^_]+)_[^_]+\.deb$/.exec(name)?.[1]);
if (!version.success) fail('--version <x.y.z> is needed (the file name does not say a version)');
const share = Number(values.share);
if (!(share >= 0 && share <= 1)) fail('--share is a fraction from 0 to 1');
const privateKey = readFileSync(values.key, 'utf8').trim();
if (!/^[0-9a-fA-F]{64}$/.test(privateKey)) fail(`${values.key} does not hold an SM2 private key (64 hex digits)`);

const attribute = updateAttributeOf({
  bytes: readFileSync(packageFile),
  format: format.data,
  version: version.data,
  url: values.url,
  privateKey,
  share,
  createdAt: new Date().toISOString(),
});
// The terminal's own check of the manifest (https://, the fields), so a bad one is caught here rather than by every terminal.
const checked = updateManifestSchema.safeParse(JSON.parse(attribute.manifest));
if (!checked.success) fail(checked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
process.stdout.write(`${JSON.stringify({ update: attribute }, null, 2)}\n`);
