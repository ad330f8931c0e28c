import { z } from 'zod';
import { localizedTextSchema } from './locale.ts';

/**
 * The main entries a home screen can offer. A terminal lists the ones it offers in its config; the host
 * shows only those whose capability this build provides, so nothing on the home screen is a stub.
 */
export const homeEntrySchema = z.enum(['find-service', 'scan-receipt', 'locker-pickup', 'locker-drop-off', 'my-cases']);
export type HomeEntry = z.infer<typeof homeEntrySchema>;

/**
 * What the attract screen shows between citizens, in turn: the hall's own information (what can be done here, the
 * opening hours, a notice), configured per terminal. Never advertising: it is a public service's screen.
 */
export const attractSlideSchema = z.object({ title: localizedTextSchema, body: localizedTextSchema }).strict();
export type AttractSlide = z.infer<typeof attractSlideSchema>;
export const attractLoopSchema = z
  .object({
    /** Empty: the screen shows what this terminal offers (its home entries) instead. */
    slides: z.array(attractSlideSchema).max(12),
    slideSeconds: z.number().int().min(4).max(60),
  })
  .strict();
export type AttractLoop = z.infer<typeof attractLoopSchema>;
