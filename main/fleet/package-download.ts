import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { sm3 } from 'sm-crypto-v2';
import { isHttpsOrLoopback } from '../common/loopback.ts';

/** Why a download did not bring a file: each is retried later (a refused URL cannot happen for a verified manifest). */
export type DownloadFailure = 'refused-url' | 'http-status' | 'too-large' | 'timeout' | 'network';

export class PackageDownloadFailed extends Error {
  readonly reason: DownloadFailure;

  constructor(reason: DownloadFailure, detail: string, options?: { cause?: unknown }) {
    super(`download failed (${reason}): ${detail}`, options);
    this.name = 'PackageDownloadFailed';
    this.reason = reason;
  }
}

export interface PackageDownload {
  url: string;
  /** The file written (made with its directory; replaced if it exists). The caller renames it once verified. */
  into: string;
  /** Bytes the manifest announces: reading stops one byte past it, so a longer body never fills the disk. */
  expectedSize: number;
  timeoutMs: number;
  /** Aborts the download (a withdrawn offer, the host stopping). */
  signal?: AbortSignal;
  fetch?: typeof globalThis.fetch;
}

/**
 * Fetches a package to a file: https:// only (http:// only to this machine), a timeout over the whole transfer,
 * never more than the announced size plus one byte on disk. Returns the number of bytes written; whether they are
 * the signed package is for the caller to check (`sm3OfFile`). A failure removes the partial file.
 */
export const downloadPackage = async (download: PackageDownload): Promise<number> => {
  const { url, into, expectedSize, timeoutMs } = download;
  if (!isHttpsOrLoopback(url)) throw new PackageDownloadFailed('refused-url', `${url} is not https:// (or http:// to this machine)`);
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = download.signal === undefined ? timeout : AbortSignal.any([download.signal, timeout]);
  await mkdir(path.dirname(into), { recursive: true, mode: 0o700 });
  const file = await open(into, 'w', 0o600);
  let written = 0;
  try {
    const response = await (download.fetch ?? globalThis.fetch)(url, { signal, redirect: 'follow' });
    // A redirect may not leave https:// either.
    if (response.url !== '' && !isHttpsOrLoopback(response.url)) throw new PackageDownloadFailed('refused-url', `redirected to ${response.url}`);
    if (!response.ok || response.body === null) throw new PackageDownloadFailed('http-status', `${url} answered ${response.status}`);
    const announced = Number(response.headers.get('content-length') ?? Number.NaN);
    if (announced > expectedSize) throw new PackageDownloadFailed('too-large', `${url} is ${announced} bytes, the manifest says ${expectedSize}`);
    for await (const chunk of response.body) {
      const room = expectedSize + 1 - written;
      const bytes = chunk.byteLength > room ? chunk.subarray(0, room) : chunk;
      await file.write(bytes);
      written += bytes.byteLength;
      if (written > expectedSize) break;
    }
    await file.sync();
    return written;
  } catch (error) {
    await file.close().catch(() => undefined);
    await rm(into, { force: true });
    if (error instanceof PackageDownloadFailed) throw error;
    if (timeout.aborted) throw new PackageDownloadFailed('timeout', `${url} took longer than ${Math.round(timeoutMs / 1000)} s`, { cause: error });
    throw new PackageDownloadFailed('network', `${url}: ${(error as Error).message}`, { cause: error });
  } finally {
    await file.close().catch(() => undefined);
  }
};

/**
 * SM3 of a file's bytes, lower-case hex. sm-crypto-v2 exports no incremental hasher, so the file is read whole: a
 * package of a few hundred MiB is hashed in memory (the size was checked against the manifest before).
 */
export const sm3OfFile = async (file: string): Promise<string> => sm3(await readFile(file));
