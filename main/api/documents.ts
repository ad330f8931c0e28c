import { z } from 'zod';

/**
 * Scanning a material's paper (a 高拍仪 camera or a sheet scanner): pages made straight, cropped and legible, shown
 * as small previews, reordered or deleted, then attached to the application as one PDF. The pages themselves stay
 * in the host, for this session only.
 */
export const documentProblemSchema = z.enum([
  /** The camera frame shows no whole sheet. */
  'no-page-found',
  /** A page, or the whole file, would be over the terminal's size limit. */
  'oversized',
  'too-many-pages',
  'unreadable',
  'missing-device',
  'jammed',
  'no-paper',
  'cover-open',
  'busy',
  'cancelled',
  'timed-out',
  'failed',
]);
export type DocumentProblem = z.infer<typeof documentProblemSchema>;

export const documentStateSchema = z
  .object({
    materialId: z.string(),
    materialName: z.string(),
    source: z.enum(['camera', 'sane']),
    /** The camera to use (its label as the system lists it), when the terminal names one. */
    cameraLabel: z.string().nullable(),
    pages: z.array(z.object({ id: z.string(), preview: z.string(), colour: z.boolean() }).strict()),
    /** A scan or a capture is being processed. */
    busy: z.boolean(),
    problem: documentProblemSchema.nullable(),
  })
  .strict();
export type DocumentState = z.infer<typeof documentStateSchema>;

/** The sheet's corners in a preview frame, as fractions of its width and height (to draw the outline). */
export const pageOutlineSchema = z.object({ corners: z.array(z.tuple([z.number(), z.number()])).length(4).nullable() }).strict();

/** A camera frame from the page: a JPEG data URL (the renderer caps its size). */
export const cameraFrameSchema = z.string().startsWith('data:image/jpeg;base64,').max(12_000_000);
