import { z } from 'zod';

/** natural: 个人 (自然人); legal: 法人 (legal persons and organisations). */
export const audienceSchema = z.enum(['natural', 'legal']);
export type Audience = z.infer<typeof audienceSchema>;

/** How a search result matched: the ranking follows this order. */
export const guideMatchSchema = z.enum(['exact', 'prefix', 'substring', 'alias', 'pinyin', 'initials']);

/** A guide in a list: enough to choose it. */
export const guideSummarySchema = z
  .object({
    taskCode: z.string(),
    taskName: z.string(),
    deptName: z.string(),
    /** Whether it can be applied for at this terminal (is_service_terminals); otherwise at the window or on the phone. */
    kioskCapable: z.boolean(),
    match: guideMatchSchema.optional(),
  })
  .strict();
export type GuideSummary = z.infer<typeof guideSummarySchema>;

/** required 必要, optional 非必要, deferrable 容缺 (accepted missing, supplied later). */
export const materialNeedSchema = z.enum(['required', 'optional', 'deferrable']);

export const guideMaterialSchema = z
  .object({
    name: z.string(),
    need: materialNeedSchema,
    /** 告知承诺: a signed commitment may replace it. */
    commitment: z.boolean(),
    /** paper, electronic or both (material_form 1/2/3). */
    form: z.enum(['paper', 'electronic', 'both']).nullable(),
    copies: z.number().int().nullable(),
    /** Issued by a government department (it may come as an electronic certificate) or brought by the applicant. */
    source: z.enum(['applicant', 'government', 'other']).nullable(),
    blankFormUrl: z.string().nullable(),
    sampleUrl: z.string().nullable(),
  })
  .strict();
export type GuideMaterial = z.infer<typeof guideMaterialSchema>;

/** A guide (办事指南) as the guide screen shows it. Its texts are the platform's, shown as text, never as markup. */
export const guideDetailSchema = z
  .object({
    taskCode: z.string(),
    taskName: z.string(),
    deptName: z.string(),
    kioskCapable: z.boolean(),
    acceptCondition: z.string().nullable(),
    materials: z.array(guideMaterialSchema),
    /** 法定办结时限 and 承诺办结时限, in working days when the unit is 1 (工作日), else in the unit the platform gave. */
    legalLimit: z.object({ days: z.number().int(), workingDays: z.boolean() }).strict().nullable(),
    promisedLimit: z.object({ days: z.number().int(), workingDays: z.boolean() }).strict().nullable(),
    charged: z.boolean(),
    fees: z.array(z.object({ name: z.string(), standard: z.string() }).strict()),
    handleFlow: z.string().nullable(),
    address: z.string().nullable(),
    hours: z.string().nullable(),
    /** 咨询方式 (a phone number, as the platform wrote it). */
    enquiries: z.string().nullable(),
    /** Where to apply online, for the QR hand-off to the phone (http or https only). */
    onlineUrl: z.string().nullable(),
  })
  .strict();
export type GuideDetail = z.infer<typeof guideDetailSchema>;

export const bundleSummarySchema = z
  .object({ bundleCode: z.string(), bundleName: z.string(), description: z.string().nullable(), guideCount: z.number().int() })
  .strict();
export type BundleSummary = z.infer<typeof bundleSummarySchema>;

const countedSchema = z.object({ name: z.string(), count: z.number().int() }).strict();

/** What can be browsed: themes (for people or for organisations), departments, life events. */
export const catalogueBrowseSchema = z
  .object({
    themes: z.array(countedSchema),
    departments: z.array(countedSchema),
    bundles: z.array(bundleSummarySchema),
  })
  .strict();
export type CatalogueBrowse = z.infer<typeof catalogueBrowseSchema>;

/** Whether the terminal holds a catalogue, which version, and how many guides it offers now. */
export const catalogueStatusSchema = z
  .object({ loaded: z.boolean(), version: z.number().int().nullable(), guides: z.number().int() })
  .strict();
export type CatalogueStatus = z.infer<typeof catalogueStatusSchema>;
