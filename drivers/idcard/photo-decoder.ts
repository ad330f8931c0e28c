import { spawn } from 'node:child_process';

/**
 * Turns the card's 1024-byte WLT photo into an image. WLT is compressed and encrypted, and only the reader
 * vendors' licensed libraries decode it (idcard-sam-protocol.md §8); the kiosk never decodes it itself.
 */
export interface WltPhotoDecoder {
  decode(wlt: Uint8Array): Promise<DecodedPhoto>;
}

export interface DecodedPhoto {
  mimeType: 'image/bmp' | 'image/png' | 'image/jpeg';
  bytes: Uint8Array;
}

export class PhotoDecodeError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PhotoDecodeError';
  }
}

const MAX_IMAGE_BYTES = 1024 * 1024;

const mimeTypeOf = (bytes: Uint8Array): DecodedPhoto['mimeType'] | null => {
  if (bytes[0] === 0x42 && bytes[1] === 0x4d) return 'image/bmp';
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg';
  return null;
};

export interface HelperProcessDecoderOptions {
  command: string;
  args: readonly string[];
  timeoutMs: number;
}

/**
 * A vendor decoder run as its own process (a native library wrapped in a small program the vendor or
 * integrator provides): the WLT goes to its stdin, the image comes back on its stdout (BMP, PNG or JPEG,
 * recognised by its signature). A crash, a timeout or an answer that is not an image is a PhotoDecodeError.
 */
export class HelperProcessPhotoDecoder implements WltPhotoDecoder {
  readonly #options: HelperProcessDecoderOptions;

  constructor(options: HelperProcessDecoderOptions) {
    this.#options = options;
  }

  decode(wlt: Uint8Array): Promise<DecodedPhoto> {
    const { command, args, timeoutMs } = this.#options;
    return new Promise((resolve, reject) => {
      const child = spawn(command, [...args], { stdio: ['pipe', 'pipe', 'ignore'] });
      const chunks: Buffer[] = [];
      let size = 0;
      let settled = false;
      const fail = (message: string, cause?: unknown) => {
        if (settled) return;
        settled = true;
        child.kill('SIGKILL');
        reject(new PhotoDecodeError(message, { cause }));
      };
      const timer = setTimeout(() => fail(`photo decoder gave no image within ${timeoutMs} ms`), timeoutMs);
      child.on('error', (error) => fail(`photo decoder ${command} could not be started`, error));
      child.stdout.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_IMAGE_BYTES) fail('photo decoder answered more than 1 MiB');
        else chunks.push(chunk);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        if (settled) return;
        if (code !== 0) return fail(`photo decoder exited with ${code}`);
        const bytes = new Uint8Array(Buffer.concat(chunks));
        const mimeType = mimeTypeOf(bytes);
        if (mimeType === null) return fail('photo decoder did not answer with a BMP, PNG or JPEG image');
        settled = true;
        resolve({ mimeType, bytes });
      });
      child.stdin.on('error', () => undefined); // a decoder that exits early closes its stdin: reported by 'close'
      child.stdin.end(Buffer.from(wlt));
    });
  }
}
