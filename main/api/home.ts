import { z } from 'zod';

/**
 * The main entries a home screen can offer. A terminal lists the ones it offers in its config; the host
 * shows only those whose capability this build provides, so nothing on the home screen is a stub.
 */
export const homeEntrySchema = z.enum(['find-service', 'scan-receipt', 'locker-pickup', 'locker-drop-off', 'my-cases']);
export type HomeEntry = z.infer<typeof homeEntrySchema>;
