/**
 * The renderer's Content-Security-Policy, sent as a header by both shells. Only the kiosk's own bundle runs;
 * nothing is fetched from anywhere else; the page cannot be framed, cannot submit forms, cannot set a base.
 * `connectTo` adds the browser shell's loopback WebSocket (Electron's IPC needs no network at all).
 *
 * And the page is sandboxed: it keeps its origin, its scripts and its forms (whose submit events the app handles;
 * `form-action` still lets none leave), and loses what a kiosk page must never do — open a window or a tab
 * (`window.open`, `target=_blank`), show a modal (`alert`, `print()`, a `beforeunload` prompt), start a download,
 * navigate the top level elsewhere than itself, lock the pointer or present.
 */
export const contentSecurityPolicy = (connectTo: readonly string[] = []): string =>
  [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${["'self'", ...connectTo].join(' ')}`,
    "media-src 'self' blob:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    'sandbox allow-scripts allow-same-origin allow-forms',
  ].join('; ');

/**
 * The same policy as a `<meta>` in the built index.html, a second wall should a shell ever serve the page without
 * its header. A meta policy is fixed at build time, so it allows the browser shell's WebSocket on any loopback port
 * (the header names the launch's port), and it leaves out `frame-ancestors` and `sandbox`, which browsers ignore in a
 * meta.
 */
export const metaContentSecurityPolicy = (): string =>
  contentSecurityPolicy(['ws://127.0.0.1:*'])
    .split('; ')
    .filter((directive) => !directive.startsWith('frame-ancestors') && !directive.startsWith('sandbox'))
    .join('; ');

/**
 * Headers that go with every file of the renderer, in either shell. The camera is allowed to our own page only on
 * a terminal whose document scanner is a camera (and then the shells give it only during a scan).
 */
export const rendererSecurityHeaders = (connectTo: readonly string[] = [], options: { camera?: boolean } = {}): Record<string, string> => ({
  'content-security-policy': contentSecurityPolicy(connectTo),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': `camera=${options.camera === true ? '(self)' : '()'}, microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=()`,
  'cache-control': 'no-store',
});

/** Whether a terminal scans documents with a camera (its page then needs the camera). */
export const usesDocumentCamera = (devices: ReadonlyArray<{ kind: string; connection: { type: string } }>): boolean =>
  devices.some((device) => device.kind === 'document-scanner' && device.connection.type === 'camera');
