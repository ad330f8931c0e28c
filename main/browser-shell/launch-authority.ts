import { randomBytes, timingSafeEqual } from 'node:crypto';

const SESSION_COOKIE_PREFIX = 'kiosk_session_';
/** Long enough for Chromium to start on a slow terminal, or for a person to open a printed --headless URL. */
const LAUNCH_TOKEN_LIFETIME_MS = 60_000;

const sameSecret = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * The browser shell's per-launch secret. Chromium is started with a one-time launch token in its URL
 * (visible in the process list, so it is worthless once used, after a minute, or once a newer one is issued for
 * the next browser); redeeming it sets an HttpOnly cookie that
 * carries the real secret, which the page's scripts never see. Cookies are shared by every port of
 * 127.0.0.1, so the cookie's name carries the port.
 */
export class LaunchAuthority {
  /** The cookie's secret: a new one at every redemption, so a page from an earlier launch cannot come back. */
  #secret = randomBytes(32).toString('base64url');
  /** The one launch token that may be redeemed now, and until when: issuing a new one revokes the old. */
  #launchToken: { token: string; validUntil: number } | null = null;
  readonly #lifetimeMs: number;
  readonly #now: () => number;
  readonly cookieName: string;

  constructor(port: number, options: { lifetimeMs?: number; now?: () => number } = {}) {
    this.cookieName = `${SESSION_COOKIE_PREFIX}${port}`;
    this.#lifetimeMs = options.lifetimeMs ?? LAUNCH_TOKEN_LIFETIME_MS;
    this.#now = options.now ?? Date.now;
  }

  issueLaunchToken(): string {
    const token = randomBytes(24).toString('base64url');
    this.#launchToken = { token, validUntil: this.#now() + this.#lifetimeMs };
    return token;
  }

  /** True once for the latest token, within its lifetime. */
  redeemLaunchToken(token: string): boolean {
    const current = this.#launchToken;
    if (current === null || this.#now() > current.validUntil || !sameSecret(token, current.token)) return false;
    this.#launchToken = null;
    this.#secret = randomBytes(32).toString('base64url');
    return true;
  }

  setCookieHeader(): string {
    return `${this.cookieName}=${this.#secret}; HttpOnly; SameSite=Strict; Path=/`;
  }

  /** Whether a Cookie header carries this launch's secret. */
  hasValidCookie(cookieHeader: string | undefined): boolean {
    if (cookieHeader === undefined) return false;
    return cookieHeader.split(';').some((pair) => {
      const separator = pair.indexOf('=');
      if (separator < 0) return false;
      return pair.slice(0, separator).trim() === this.cookieName && sameSecret(pair.slice(separator + 1).trim(), this.#secret);
    });
  }
}
