import { z } from 'zod';

/**
 * What the kiosk delivers to the platform (cases and ratings) and what it answers, as docs/platform-api.yaml says.
 * The bodies are built in main/cases and travel as the exact JSON text stored in the outbox, so that every
 * attempt sends the same bytes under the same Idempotency-Key.
 */

/** A material of a case as delivered: from the certificate library, 容缺 (later), the filled form, 告知承诺 (signed), or scanned. */
export type DeliveredMaterial =
  | { materialName: string; getType: 'certificate'; certificateNumber: string }
  | { materialName: string; getType: 'deferred' }
  | { materialName: string; getType: 'form' }
  | { materialName: string; getType: 'id-card'; idNumber: string }
  | { materialName: string; getType: 'commitment'; commitmentText: string; signaturePng: string }
  | { materialName: string; getType: 'scan'; pdf: string };

export interface CaseSubmissionBody {
  /** The terminal's own reference, shown to the citizen until the platform's case number is known. */
  localReference: string;
  submittedAt: string;
  bundleCode: string | null;
  taskCodes: string[];
  applicant: { name: string; idType: string; idNumber: string };
  form: Record<string, string>;
  materials: DeliveredMaterial[];
}

export const caseAcceptanceSchema = z.object({
  caseNumber: z.string().regex(/^[0-9A-Za-z-]{6,50}$/),
  queryPassword: z.string().regex(/^[0-9]{4,8}$/),
  acceptedAt: z.iso.datetime({ offset: true }),
  promiseDays: z.number().int().min(0).max(3650),
  items: z.array(z.object({ taskCode: z.string().max(60), taskName: z.string().min(1).max(1000), deptName: z.string().max(500) })).min(1).max(30),
  deferredMaterials: z.array(z.string().max(500)).max(200),
});
export type CaseAcceptance = z.infer<typeof caseAcceptanceSchema>;

export interface RatingBody {
  caseNumber: string | null;
  taskCodes: string[];
  /** 5 非常满意 … 1 非常不满意. */
  level: number;
  reasons: string[];
  comment?: string;
  assessedAt: string;
}

export const ratingAcceptanceSchema = z.object({ assessNumber: z.string().min(1).max(64) });
export type RatingAcceptance = z.infer<typeof ratingAcceptanceSchema>;

/** The platform's answer to a delivery: taken (perhaps again, for a retried key), or refused on its merits. */
export type DeliveryOutcome<T> =
  | { outcome: 'accepted'; answer: T; replayed: boolean }
  | { outcome: 'rejected'; code: string; message: string; detail: string[] };

/** An 电子证照 of the identified applicant (免提交). */
export const certificateSchema = z.object({
  certificateTypeCode: z.string().min(1).max(50),
  certificateName: z.string().min(1).max(200),
  certificateNumber: z.string().min(1).max(100),
  holderName: z.string().max(100),
  issueDept: z.string().max(200),
  issueDate: z.string().max(30),
  trustLevel: z.enum(['A', 'B', 'C', 'D']),
});
export type Certificate = z.infer<typeof certificateSchema>;
export const certificateListSchema = z.object({ certificates: z.array(certificateSchema).max(500) });
