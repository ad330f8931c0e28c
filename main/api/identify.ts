import { z } from 'zod';

/** The card types the screen can name (the SAM's four layouts). */
export const cardTypeSchema = z.enum(['resident', 'hk-mo-tw-residence', 'foreign-permanent', 'foreign-permanent-2023']);

/**
 * Who the citizen is, as much as a screen needs: the name to greet them, the number masked
 * (1101**********1237), the card type. The full identity never leaves the host.
 */
export const citizenSummarySchema = z
  .object({
    name: z.string().min(1),
    maskedIdNumber: z.string().min(1),
    cardType: cardTypeSchema,
    /** The card's photo when the terminal has a licensed decoder (a data: URL), else absent. */
    photo: z.string().startsWith('data:image/').max(200_000).optional(),
  })
  .strict();
export type CitizenSummary = z.infer<typeof citizenSummarySchema>;

/** Why identification did not succeed, in words the screen turns into a way forward. */
export const identifyFailureSchema = z.enum([
  'timeout', // no card placed in time: try again or go back
  'card-left', // the card read before stayed on the reader: lift it and place it again
  'not-an-id-card', // a bank or transit card: place the ID card
  'read-failed', // the card moved or is damaged: try again
  'reader-offline', // the reader is gone: call staff
  'reader-fault', // the reader misbehaves: call staff
]);
export type IdentifyFailure = z.infer<typeof identifyFailureSchema>;

/** The identify step, live: waiting for a card (and whether the reader is there), reading, done, failed. */
export const identifyStateSchema = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('idle') }).strict(),
  z
    .object({
      phase: z.literal('waiting'),
      readerOnline: z.boolean(),
      /** A card already read lies on the reader: it is read again only once lifted and placed again. */
      cardLeft: z.boolean(),
      /** Whole seconds, as of this event, until the wait for a card gives up (the screen counts down). */
      secondsLeft: z.number().int().nonnegative(),
    })
    .strict(),
  z.object({ phase: z.literal('reading') }).strict(),
  z.object({ phase: z.literal('done') }).strict(),
  z.object({ phase: z.literal('failed'), reason: identifyFailureSchema }).strict(),
]);
export type IdentifyState = z.infer<typeof identifyStateSchema>;
