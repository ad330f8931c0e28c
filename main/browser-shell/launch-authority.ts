import { randomBytes, timingSafeEqual } from 'node:crypto';

const SESSION_COOKIE_PREFIX = 'kiosk_session_';

const sameSecret = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * The browser shell's per-launch secret. Chromium is started with a one-time launch token in its URL
 * (visible in the process list, so it is worthless once used); redeeming it sets an HttpOnly cookie that
 * carries the real secret, which the page's scripts never see. Cookies are shared by every port of
 * 127.0.0.1, so the cookie's name carries the port.
 */
export class LaunchAuthority {
  readonly #secret = randomBytes(32).toString('base64url');
  readonly #launchTokens = new Set<string>();
  readonly cookieName: string;

  constructor(port: number) {
    this.cookieName = `${SESSION_COOKIE_PREFIX}${port}`;
  }

  issueLaunchToken(): string {
    const token = randomBytes(24).toString('base64url');
    this.#launchTokens.add(token);
    return token;
  }

  /** True once per issued token. */
  redeemLaunchToken(token: string): boolean {
    for (const issued of this.#launchTokens) {
      if (sameSecret(token, issued)) {
        this.#launchTokens.delete(issued);
        return true;
      }
    }
    return false;
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
