import { describe, expect, it } from 'vitest';
import { LaunchAuthority } from '../../../main/browser-shell/launch-authority.ts';
import { checkHttpRequest, checkWebSocketUpgrade } from '../../../main/browser-shell/request-guard.ts';

const origin = 'http://127.0.0.1:4321';
const ok = { host: '127.0.0.1:4321', origin, hasValidCookie: true };

describe('loopback request guard', () => {
  it('lets the launched page in', () => {
    expect(checkHttpRequest(ok, origin)).toEqual({ allowed: true });
    expect(checkHttpRequest({ ...ok, origin: undefined }, origin)).toEqual({ allowed: true });
    expect(checkWebSocketUpgrade(ok, origin)).toEqual({ allowed: true });
  });

  it.each([
    ['no secret', { ...ok, hasValidCookie: false }, 403],
    ['another origin', { ...ok, origin: 'http://evil.example' }, 403],
    ['another port of loopback', { ...ok, origin: 'http://127.0.0.1:9999' }, 403],
    ['a rebinding host name', { ...ok, host: 'evil.example:4321' }, 421],
    ['localhost instead of the address', { ...ok, host: 'localhost:4321' }, 421],
    ['no Host header', { ...ok, host: undefined }, 421],
  ])('refuses %s', (_name, facts, status) => {
    expect(checkHttpRequest(facts, origin)).toMatchObject({ allowed: false, status });
    expect(checkWebSocketUpgrade(facts, origin)).toMatchObject({ allowed: false, status });
  });

  it('refuses a WebSocket without an Origin (not a browser)', () => {
    expect(checkWebSocketUpgrade({ ...ok, origin: undefined }, origin)).toMatchObject({ allowed: false, status: 403 });
  });
});

describe('launch authority', () => {
  it('accepts only the latest token, within its lifetime', () => {
    let now = 1000;
    const authority = new LaunchAuthority(4321, { lifetimeMs: 60_000, now: () => now });
    const older = authority.issueLaunchToken();
    const newer = authority.issueLaunchToken();
    expect(authority.redeemLaunchToken(older)).toBe(false);
    now += 60_001;
    expect(authority.redeemLaunchToken(newer)).toBe(false);
    const fresh = authority.issueLaunchToken();
    expect(authority.redeemLaunchToken(fresh)).toBe(true);
  });

  it('redeems a launch token once', () => {
    const authority = new LaunchAuthority(4321);
    const token = authority.issueLaunchToken();
    expect(authority.redeemLaunchToken('made-up')).toBe(false);
    expect(authority.redeemLaunchToken(token)).toBe(true);
    expect(authority.redeemLaunchToken(token)).toBe(false);
  });

  it('gives every launch a new cookie secret: the page of an earlier launch is shut out', () => {
    const authority = new LaunchAuthority(4321);
    expect(authority.redeemLaunchToken(authority.issueLaunchToken())).toBe(true);
    const first = authority.setCookieHeader().split(';')[0] ?? '';
    expect(authority.hasValidCookie(first)).toBe(true);
    expect(authority.redeemLaunchToken(authority.issueLaunchToken())).toBe(true);
    const second = authority.setCookieHeader().split(';')[0] ?? '';
    expect(second).not.toBe(first);
    expect(authority.hasValidCookie(first)).toBe(false);
    expect(authority.hasValidCookie(second)).toBe(true);
  });

  it('recognises its own cookie only, by name and secret', () => {
    const authority = new LaunchAuthority(4321);
    const cookie = authority.setCookieHeader().split(';')[0] ?? '';
    expect(authority.setCookieHeader()).toMatch(/HttpOnly; SameSite=Strict; Path=\//);
    expect(authority.hasValidCookie(cookie)).toBe(true);
    expect(authority.hasValidCookie(`other=1; ${cookie}`)).toBe(true);
    expect(authority.hasValidCookie(undefined)).toBe(false);
    expect(authority.hasValidCookie(`${cookie}x`)).toBe(false);
    expect(authority.hasValidCookie(cookie.replace('4321', '4322'))).toBe(false);
    expect(new LaunchAuthority(4321).hasValidCookie(cookie)).toBe(false);
  });
});
