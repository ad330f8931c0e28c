import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HelperProcessPhotoDecoder, PhotoDecodeError } from '../../../drivers/idcard/photo-decoder.ts';

/**
 * The helper-process decoder with stand-ins for a vendor's decoder program (shell scripts: they do not decode
 * WLT, they stand for a program that does, answering as it would).
 */
let dir: string;
const helper = async (name: string, body: string) => {
  const file = path.join(dir, name);
  await writeFile(file, `#!/bin/sh\n${body}\n`);
  await chmod(file, 0o755);
  return file;
};
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kiosk-photo-decoder-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('helper-process photo decoder', () => {
  it('returns the image the helper writes, typed by its signature, after reading the WLT from stdin', async () => {
    const command = await helper('bmp', 'wc -c > "$1"; printf "BM\\000\\001fake-bitmap"');
    const sizeFile = path.join(dir, 'size');
    const photo = await new HelperProcessPhotoDecoder({ command, args: [sizeFile], timeoutMs: 2000 }).decode(new Uint8Array(1024));
    expect(photo.mimeType).toBe('image/bmp');
    expect(Buffer.from(photo.bytes).subarray(0, 2).toString()).toBe('BM');
    await expect((await import('node:fs/promises')).readFile(sizeFile, 'utf8')).resolves.toMatch(/^\s*1024\s*$/);
  });

  it.each([
    ['a crash', 'exit 3', 'exited with 3'],
    ['an answer that is not an image', 'echo hello', 'did not answer with a BMP'],
    ['a hang', 'sleep 5', 'within 300 ms'],
  ])('reports %s as a PhotoDecodeError', async (_name, body, message) => {
    const command = await helper(`h${Math.random()}`, body);
    const error = await new HelperProcessPhotoDecoder({ command, args: [], timeoutMs: 300 }).decode(new Uint8Array(1024)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PhotoDecodeError);
    expect((error as Error).message).toContain(message);
  });

  it('reports a missing program', async () => {
    const error = await new HelperProcessPhotoDecoder({ command: path.join(dir, 'none'), args: [], timeoutMs: 300 }).decode(new Uint8Array(1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PhotoDecodeError);
  });
});
