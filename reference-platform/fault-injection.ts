import { z } from 'zod';

/**
 * Faults the reference platform can be told to commit, at run time, so that tests see what real networks and
 * real platforms do: answer late, fail with 5xx, drop the connection, send garbage, or alter a byte of a good
 * answer on the way (what a broken proxy or an attacker would do).
 */
export type Fault =
  | { kind: 'latency'; ms: number }
  | { kind: 'status'; status: number }
  | { kind: 'drop' }
  /** Do the work, then drop the connection before answering: the terminal cannot know it was done. */
  | { kind: 'drop-after' }
  | { kind: 'garbage' }
  | { kind: 'tamper' };

export interface FaultRule {
  /** Requests whose path starts with this (/v1/catalogue/snapshot). */
  path: string;
  fault: Fault;
  /** How many requests it hits before it is spent; every request while it stays when not given. */
  times?: number | undefined;
}

/** A rule as another process sends it to POST /_control/faults. */
export const faultRuleSchema = z.object({
  path: z.string().startsWith('/'),
  fault: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('latency'), ms: z.number().int().min(0).max(600_000) }),
    z.object({ kind: z.literal('status'), status: z.number().int().min(400).max(599) }),
    z.object({ kind: z.literal('drop') }),
    z.object({ kind: z.literal('drop-after') }),
    z.object({ kind: z.literal('garbage') }),
    z.object({ kind: z.literal('tamper') }),
  ]),
  times: z.number().int().min(1).optional(),
});

export class PlatformFaults {
  #rules: Array<FaultRule & { left: number }> = [];

  add(rule: FaultRule): void {
    this.#rules.push({ ...rule, left: rule.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.#rules = [];
  }

  /** The faults for this request (spending one of each rule's times), in the order they were added. */
  take(pathname: string): Fault[] {
    const hits = this.#rules.filter((rule) => pathname.startsWith(rule.path) && rule.left > 0);
    for (const rule of hits) rule.left -= 1;
    this.#rules = this.#rules.filter((rule) => rule.left > 0);
    return hits.map((rule) => rule.fault);
  }
}

/** A body with one byte changed in the middle (still the same length). */
export const tamper = (body: Buffer): Buffer => {
  if (body.length === 0) return Buffer.from('x');
  const copy = Buffer.from(body);
  const at = Math.floor(copy.length / 2);
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  return copy;
};
