import { injectScriptFirst, type RendererFiles } from '../host/renderer-files.ts';
import { rendererSecurityHeaders } from '../host/content-security-policy.ts';

/** The renderer is served from app://kiosk/, never from file:// (Electron security checklist item 18). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Whether a URL belongs to the kiosk's own page. WHATWG URL gives custom schemes the origin "null", so the
 * scheme and host are compared instead of `origin`; a prefix test would accept app://kiosk.evil/.
 */
export const isAppUrl = (raw: string): boolean => {
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
  } catch {
    return false;
  }
};

/** Where the page guards are served (dist/electron/page-guards.js), before the app's own scripts. */
export const PAGE_GUARDS_PATH = '/__kiosk/page-guards.js';

export interface AppProtocolOptions {
  camera?: boolean;
  /**
   * The page guards of main/browser-shell/page/page-guards.ts, bundled: what Electron has no hook for — a file input
   * opening the system's file chooser, a drag out, a selection — is stopped in the page, in its own world, before
   * the app runs (the same guards the browser shell's bridge installs).
   */
  pageGuards?: Buffer;
}

/** Answers one app:// request from the built renderer, with the CSP and other security headers. */
export const appProtocolResponse = async (requestUrl: string, files: RendererFiles, options: AppProtocolOptions = {}): Promise<Response> => {
  if (!isAppUrl(requestUrl)) return new Response('not found', { status: 404 });
  const headers = rendererSecurityHeaders([], options.camera === undefined ? {} : { camera: options.camera });
  const { pathname } = new URL(requestUrl);
  if (pathname === PAGE_GUARDS_PATH && options.pageGuards !== undefined) {
    return new Response(new Uint8Array(options.pageGuards), { status: 200, headers: { ...headers, 'content-type': 'text/javascript; charset=utf-8' } });
  }
  const file = await files(pathname);
  if (!file.found) return new Response('not found', { status: 404 });
  const isPage = file.contentType.startsWith('text/html') && options.pageGuards !== undefined;
  const body = isPage ? Buffer.from(injectScriptFirst(file.body.toString('utf8'), PAGE_GUARDS_PATH)) : file.body;
  return new Response(new Uint8Array(body), { status: 200, headers: { ...headers, 'content-type': file.contentType } });
};

/**
 * The renderer may load only its own app:// files (and data:/blob: URLs it made itself): no http, ws, file
 * or any other scheme, so every byte to or from the network goes through the host.
 */
export const isAllowedRendererRequest = (raw: string): boolean => {
  if (isAppUrl(raw)) return true;
  return raw.startsWith('data:') || raw.startsWith('blob:app://kiosk/');
};
