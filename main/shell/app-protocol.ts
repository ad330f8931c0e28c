import type { RendererFiles } from '../host/renderer-files.ts';
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

/** Answers one app:// request from the built renderer, with the CSP and other security headers. */
export const appProtocolResponse = async (requestUrl: string, files: RendererFiles, options: { camera?: boolean } = {}): Promise<Response> => {
  if (!isAppUrl(requestUrl)) return new Response('not found', { status: 404 });
  const file = await files(new URL(requestUrl).pathname);
  if (!file.found) return new Response('not found', { status: 404 });
  return new Response(new Uint8Array(file.body), {
    status: 200,
    headers: { ...rendererSecurityHeaders([], options), 'content-type': file.contentType },
  });
};

/**
 * The renderer may load only its own app:// files (and data:/blob: URLs it made itself): no http, ws, file
 * or any other scheme, so every byte to or from the network goes through the host.
 */
export const isAllowedRendererRequest = (raw: string): boolean => {
  if (isAppUrl(raw)) return true;
  return raw.startsWith('data:') || raw.startsWith('blob:app://kiosk/');
};
