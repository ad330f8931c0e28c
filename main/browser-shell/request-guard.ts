/** What the guard looks at in a request to the loopback server. */
export interface RequestFacts {
  host: string | undefined;
  origin: string | undefined;
  hasValidCookie: boolean;
}

export type Verdict = { allowed: true } | { allowed: false; status: 403 | 421; reason: string };

/**
 * Who may talk to the host over loopback: only the page this launch opened. The Host header must name our
 * own address (defeats DNS rebinding), an Origin, when sent, must be ours (defeats other pages on this
 * machine), and the per-launch cookie must be present (defeats other local programs).
 */
export const checkHttpRequest = (facts: RequestFacts, ownOrigin: string): Verdict => {
  const ownHost = new URL(ownOrigin).host;
  if (facts.host !== ownHost) return { allowed: false, status: 421, reason: `wrong Host header (${facts.host ?? 'none'})` };
  if (facts.origin !== undefined && facts.origin !== ownOrigin) {
    return { allowed: false, status: 403, reason: `foreign Origin ${facts.origin}` };
  }
  if (!facts.hasValidCookie) return { allowed: false, status: 403, reason: 'no launch secret' };
  return { allowed: true };
};

/** A WebSocket must also state its Origin: browsers always send one, so a missing Origin is not a browser. */
export const checkWebSocketUpgrade = (facts: RequestFacts, ownOrigin: string): Verdict => {
  if (facts.origin === undefined) return { allowed: false, status: 403, reason: 'WebSocket without Origin' };
  return checkHttpRequest(facts, ownOrigin);
};
