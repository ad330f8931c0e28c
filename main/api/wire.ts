import { z } from 'zod';

/**
 * A call as it travels from page to host, the same over Electron IPC and the browser shell's WebSocket.
 * Its answer is always a CallResponse value (bridge.ts), never a thrown error.
 */
export const callRequestSchema = z.object({ method: z.string().min(1).max(64), params: z.unknown().optional() }).strict();
export type CallRequest = z.infer<typeof callRequestSchema>;
