/** Hosts that are this machine: plain http:// to them never crosses a network. */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

const hostOf = (url: string): string | null => {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
};

/** Whether a URL names this machine (127.0.0.1, localhost, [::1]). */
export const isLoopbackUrl = (url: string): boolean => LOOPBACK_HOSTS.has(hostOf(url) ?? '');

/** Whether a URL is not plain http:// off this machine: the rule for a URL schema already limited to http(s). */
export const isNotPlainHttpOffMachine = (url: string): boolean => !url.startsWith('http:') || isLoopbackUrl(url);

/** Whether a URL is https://, or http:// to this machine only (the demo's platform, a test's server). */
export const isHttpsOrLoopback = (url: string): boolean => url.startsWith('https:') || (url.startsWith('http:') && isLoopbackUrl(url));
