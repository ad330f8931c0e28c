import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface CertificateFiles {
  readonly cert: string;
  readonly key: string;
}

/**
 * Test certificates made with OpenSSL (P-256, two days), written in `dir` as `<name>.pem` and `<name>.key` (the key
 * 0600): a self-signed certificate (a CA, or a server pinned as itself), and one signed by such a CA.
 */
export const selfSignedCertificate = async (dir: string, name: string, subject: string, altName?: string): Promise<CertificateFiles> => {
  const files = filesFor(dir, name);
  await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', files.key, '-out', files.cert, '-days', '2',
    '-subj', `/CN=${subject}`, ...(altName === undefined ? [] : ['-addext', `subjectAltName=${altName}`])]);
  return files;
};

/** A leaf certificate for `subject` signed by `ca`: a broker's (with `altName`, e.g. `IP:127.0.0.1`) or a client's. */
export const certificateSignedBy = async (ca: CertificateFiles, dir: string, name: string, subject: string, altName?: string): Promise<CertificateFiles> => {
  const files = filesFor(dir, name);
  const request = path.join(dir, `${name}.csr`);
  const extensions = path.join(dir, `${name}.ext`);
  await writeFile(extensions, altName === undefined ? 'basicConstraints=CA:FALSE\n' : `basicConstraints=CA:FALSE\nsubjectAltName=${altName}\n`);
  await run('openssl', ['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', files.key, '-out', request, '-subj', `/CN=${subject}`]);
  await run('openssl', ['x509', '-req', '-in', request, '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial', '-out', files.cert, '-days', '2', '-extfile', extensions]);
  return files;
};

const filesFor = (dir: string, name: string): CertificateFiles => ({ cert: path.join(dir, `${name}.pem`), key: path.join(dir, `${name}.key`) });
