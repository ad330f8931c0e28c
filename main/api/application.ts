import { z } from 'zod';

/**
 * A citizen's application in progress (one item, or a 一件事 bundle: one form, one set of materials, one
 * submission), as the journey screens show it. Personal data stays in the host; the page sees the form's values
 * (the citizen's own, on their own screen) only while the session lasts.
 */
export const fieldTypeSchema = z.enum(['text', 'textarea', 'phone', 'id-number', 'date', 'number', 'select']);
export const fieldProblemSchema = z.enum(['required', 'too-long', 'not-a-phone-number', 'not-an-id-number', 'not-a-date', 'not-a-number', 'not-an-option']);
export type FieldProblemCode = z.infer<typeof fieldProblemSchema>;

export const applicationFieldSchema = z
  .object({
    code: z.string(),
    label: z.string(),
    type: fieldTypeSchema,
    required: z.boolean(),
    maxLength: z.number().int().positive(),
    options: z.array(z.string()).nullable(),
    value: z.string(),
    /** The value as a screen in a public hall shows it until the citizen asks to see it: ID numbers masked (1101**********1237); null elsewhere. */
    masked: z.string().nullable(),
    /** Filled in from the ID card (免填). */
    prefilled: z.boolean(),
    problem: fieldProblemSchema.nullable(),
  })
  .strict();
export type ApplicationField = z.infer<typeof applicationFieldSchema>;

/**
 * How a material is provided: the form itself, the ID card read at this terminal, an 电子证照, a scan, a signed
 * 告知承诺, 容缺 (later), or not at all (optional).
 */
export const materialWaySchema = z.enum(['form', 'id-card', 'certificate', 'scan', 'commitment', 'deferred', 'none']);
export type MaterialWayCode = z.infer<typeof materialWaySchema>;

export const applicationMaterialSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    need: z.enum(['required', 'deferrable', 'optional']),
    /** The ways this terminal offers for it, for this applicant, best first; empty: only at the window. */
    ways: z.array(materialWaySchema),
    chosen: materialWaySchema.nullable(),
    /** The applicant's 电子证照 that provides it, when there is one. */
    certificateName: z.string().nullable(),
    /** The text signed for a 告知承诺, when one is offered. */
    commitmentText: z.string().nullable(),
    /** Items of a bundle asking for it. */
    forItems: z.array(z.string()),
  })
  .strict();
export type ApplicationMaterial = z.infer<typeof applicationMaterialSchema>;

export const applicationViewSchema = z
  .object({
    draftId: z.string(),
    title: z.string(),
    bundleCode: z.string().nullable(),
    items: z.array(z.object({ taskCode: z.string(), taskName: z.string(), deptName: z.string(), promiseDays: z.number().int().nullable() }).strict()),
    identified: z.boolean(),
    fields: z.array(applicationFieldSchema),
    materials: z.array(applicationMaterialSchema),
    /** Whether the applicant's 电子证照 could be asked for (not before identification; not while the platform is away). */
    certificates: z.enum(['not-yet', 'loaded', 'unavailable']),
    /** Every field acceptable and every material provided for: it can be submitted. */
    ready: z.boolean(),
    /** Required materials this terminal cannot provide: the application must go to the window. */
    windowOnly: z.array(z.string()),
  })
  .strict();
export type ApplicationView = z.infer<typeof applicationViewSchema>;

export const submissionResultSchema = z.discriminatedUnion('status', [
  z
    .object({
      status: z.literal('accepted'),
      caseNumber: z.string(),
      acceptedAt: z.string(),
      promiseDays: z.number().int().nonnegative(),
      /** 容缺: to be supplied within the promised time. */
      deferredMaterials: z.array(z.string()),
    })
    .strict(),
  /** Committed on the terminal, not yet accepted by the platform: it is delivered automatically. */
  z.object({ status: z.literal('saved'), localReference: z.string() }).strict(),
  z.object({ status: z.literal('rejected'), reasons: z.array(z.string()) }).strict(),
]);
export type SubmissionResult = z.infer<typeof submissionResultSchema>;

/** 好差评 levels: 5 非常满意 … 1 非常不满意. A reason is required for 2 and 1. */
export const ratingLevelSchema = z.number().int().min(1).max(5);
/** Reasons a citizen may give for a negative rating (shown in their language; sent as the platform's texts). */
export const ratingReasonSchema = z.enum(['slow', 'complicated', 'unclear-materials', 'device-fault', 'not-helpful']);
export type RatingReason = z.infer<typeof ratingReasonSchema>;
