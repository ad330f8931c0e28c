import { realpath, readFile } from 'node:fs/promises';
import path from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.ico': 'image/x-icon',
};

export type RendererFile = { found: true; body: Buffer; contentType: string } | { found: false; reason: string };

/**
 * Serves the built renderer to either shell: only files under its root (symlinks resolved), only the
 * types it is built of, and the app page for the root path. Anything else is not found, never an error page
 * with a file system path in it.
 */
export const createRendererFiles = (rootDir: string) => {
  const rootPromise = realpath(rootDir);

  return async (urlPath: string): Promise<RendererFile> => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return { found: false, reason: 'bad escape in path' };
    }
    if (decoded.includes('\0')) return { found: false, reason: 'NUL in path' };
    const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
    const contentType = CONTENT_TYPES[path.extname(relative).toLowerCase()];
    if (contentType === undefined) return { found: false, reason: 'type not served' };
    const root = await rootPromise;
    let file: string;
    try {
      file = await realpath(path.resolve(root, relative));
    } catch {
      return { found: false, reason: 'no such file' };
    }
    if (file !== root && !file.startsWith(root + path.sep)) return { found: false, reason: 'outside the renderer' };
    try {
      return { found: true, body: await readFile(file), contentType };
    } catch {
      return { found: false, reason: 'unreadable' };
    }
  };
};
export type RendererFiles = ReturnType<typeof createRendererFiles>;

/** Puts a shell's own script before the app's (so what it installs exists, or guards, before the app starts). */
export const injectScriptFirst = (html: string, src: string): string => html.replace(/<head>/i, `<head><script src="${src}"></script>`);
