import type { PendingMove } from './import-rules.ts';

/**
 * Imports that break a rule today while another branch moves them away. Each is allowed until that branch
 * lands; once an entry matches no offending import, import-direction.test.ts fails until it is removed here.
 */
export const PENDING_MOVES: readonly PendingMove[] = [];
