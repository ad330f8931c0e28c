import { randomInt } from 'node:crypto';
import { z } from 'zod';
import type { CatalogueHistory } from '../catalogue/catalogue-publisher.ts';
import type { PublishedGuide } from '../catalogue/guide-dataset.ts';
import { certificatesOf } from '../certificates/certificate-library.ts';
import { takeDelivery } from '../http/idempotent-delivery.ts';
import { failure, json, type Reply } from '../http/reply.ts';
import type { CaseMaterialRecord, CaseStore } from './case-store.ts';

/**
 * POST /v1/cases: a terminal submits a case (one item, or a bundle's items with one form and one set of
 * materials). Each Idempotency-Key is taken once: the same key with the same body gets the first answer again (the
 * terminal retried after a lost answer); the same key with another body is refused. The platform checks the case
 * against its catalogue (items in use, the bundle's members, required form fields, required materials — 容缺 only
 * where the guide allows it, 告知承诺 only where it allows that, certificates only the applicant's own) and accepts
 * it (受理) at once, as a platform with automatic pre-review would.
 */
const TASK_CODE = /^[0-9A-Za-z]{6,36}$/;
const ID_NUMBER = /^[0-9A-Z]{15,18}$/;

const materialSchema = z.discriminatedUnion('getType', [
  z.object({ materialName: z.string().min(1).max(500), getType: z.literal('certificate'), certificateNumber: z.string().min(1).max(100) }),
  z.object({ materialName: z.string().min(1).max(500), getType: z.literal('deferred') }),
  /** The application form itself, provided by the form the case carries. */
  z.object({ materialName: z.string().min(1).max(500), getType: z.literal('form') }),
  /** The resident identity card, read by the terminal's reader (the applicant's own). */
  z.object({ materialName: z.literal('居民身份证'), getType: z.literal('id-card'), idNumber: z.string().regex(ID_NUMBER) }),
  z.object({
    materialName: z.string().min(1).max(500),
    getType: z.literal('commitment'),
    commitmentText: z.string().min(1).max(5000),
    /** The signature as the citizen drew it: a PNG, base64. */
    signaturePng: z.base64().min(100).max(400_000),
  }),
  z.object({ materialName: z.string().min(1).max(500), getType: z.literal('scan'), pdf: z.base64().min(100).max(28_000_000) }),
]);

export const caseSubmissionSchema = z.object({
  localReference: z.string().regex(/^[0-9A-Za-z-]{6,64}$/),
  submittedAt: z.iso.datetime({ offset: true }),
  bundleCode: z.string().regex(/^[0-9A-Za-z-]{4,50}$/).nullable(),
  taskCodes: z.array(z.string().regex(TASK_CODE)).min(1).max(30),
  applicant: z.object({ name: z.string().min(1).max(100), idType: z.string().regex(/^[0-9]{3}$/), idNumber: z.string().regex(ID_NUMBER) }),
  form: z.record(z.string().regex(/^[a-z][a-z0-9_]{0,49}$/), z.string().max(2000)),
  materials: z.array(materialSchema).max(200),
});
export type CaseSubmission = z.infer<typeof caseSubmissionSchema>;

/** What the terminal is told once a case is accepted (and told again for the same key). */
export interface SubmissionAnswer {
  caseNumber: string;
  /** 查询密码: printed only on the receipt. */
  queryPassword: string;
  acceptedAt: string;
  promiseDays: number;
  items: Array<{ taskCode: string; taskName: string; deptName: string }>;
  /** 容缺: materials the applicant is to supply later. */
  deferredMaterials: string[];
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Working days after a date (weekends skipped; a real platform knows the holidays too). */
const addWorkingDays = (from: Date, days: number): Date => {
  const date = new Date(from);
  let left = days;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    if (date.getUTCDay() !== 0 && date.getUTCDay() !== 6) left -= 1;
  }
  return date;
};

const problems = (submission: CaseSubmission, guides: readonly PublishedGuide[]): string[] => {
  const found: string[] = [];
  const given = new Map(submission.materials.map((material) => [material.materialName, material]));
  const holderCertificates = new Set(certificatesOf(submission.applicant.idNumber).map((certificate) => certificate.certificateNumber));
  for (const material of submission.materials) {
    if (material.getType === 'certificate' && !holderCertificates.has(material.certificateNumber)) found.push(`${material.materialName}: not a certificate of the applicant`);
    if (material.getType === 'id-card' && material.idNumber !== submission.applicant.idNumber) found.push(`${material.materialName}: not the applicant's card`);
  }
  for (const guide of guides) {
    for (const field of guide.apply_form ?? []) {
      if (field.is_required === '1' && (submission.form[field.field_code] ?? '').trim() === '') found.push(`${guide.task_code}: form field ${field.field_code} is required`);
    }
    for (const material of guide.materials) {
      const provided = given.get(material.material_name);
      if (provided === undefined) {
        if (material.is_need === '1') found.push(`${guide.task_code}: material ${material.material_name} is required`);
        continue;
      }
      if (provided.getType === 'deferred' && material.is_need !== '2') found.push(`${material.material_name}: may not be supplied later (not 容缺)`);
      if (provided.getType === 'commitment' && material.is_promise !== '1') found.push(`${material.material_name}: no 告知承诺 for it`);
      if (provided.getType === 'form' && material.is_form !== '1') found.push(`${material.material_name}: not the application form`);
    }
  }
  return found;
};

/** What the case record keeps of how a material was given (the files themselves stay in the submission). */
const detailOf = (material: CaseSubmission['materials'][number]): string | null => {
  switch (material.getType) {
    case 'certificate':
      return material.certificateNumber;
    case 'id-card':
      return 'read at the terminal';
    case 'commitment':
      return `signature ${material.signaturePng.length} base64 characters`;
    case 'scan':
      return `pdf ${material.pdf.length} base64 characters`;
    default:
      return null;
  }
};

export const submitCase = (
  request: { terminalId: string; idempotencyKey: string; body: Buffer },
  catalogue: CatalogueHistory,
  cases: CaseStore,
  now: Date,
): Reply => {
  const taken = takeDelivery(request, (key) => cases.submission(key), caseSubmissionSchema, 'case');
  if ('reply' in taken) return taken.reply;
  const { bodySm3 } = taken;
  const submission = taken.event;

  const guides: PublishedGuide[] = [];
  for (const taskCode of submission.taskCodes) {
    const guide = catalogue.guide(taskCode);
    if (guide === null || guide.task_state !== '1') return failure(422, 'unknown-item', `no item ${taskCode} in use`);
    guides.push(guide);
  }
  const bundle = submission.bundleCode === null ? null : catalogue.bundle(submission.bundleCode);
  if (submission.bundleCode !== null) {
    if (bundle === null) return failure(422, 'unknown-item', `no bundle ${submission.bundleCode}`);
    if (bundle.task_codes.join() !== submission.taskCodes.join()) return failure(422, 'invalid-case', `the items are not those of bundle ${bundle.bundle_code}`);
  } else if (guides.length !== 1) return failure(422, 'invalid-case', 'several items go together only as a bundle');
  const found = problems(submission, guides);
  if (found.length > 0) return failure(422, 'incomplete-case', 'the case is incomplete', found.slice(0, 20));

  const first = guides[0] as PublishedGuide;
  const region = bundle?.area_code ?? first.dept_code.slice(2, 8);
  const day = `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}`;
  const prefix = `SH${region}${day}`;
  const caseNumber = `${prefix}${pad(cases.nextSequence(prefix), 4)}`;
  const promiseDays = Math.max(...guides.map((guide) => guide.promise_day));
  const deferred = submission.materials.filter((material) => material.getType === 'deferred').map((material) => material.materialName);
  const answer: SubmissionAnswer = {
    caseNumber,
    queryPassword: pad(randomInt(0, 1_000_000), 6),
    acceptedAt: now.toISOString(),
    promiseDays,
    items: guides.map((guide) => ({ taskCode: guide.task_code, taskName: guide.task_name, deptName: guide.dept_name })),
    deferredMaterials: deferred,
  };
  const materials: CaseMaterialRecord[] = submission.materials.map((material) => ({
    materialName: material.materialName,
    // up_pro_material.get_type 收取方式.
    getType: { certificate: '证照库调取', deferred: '容缺', commitment: '告知承诺', scan: '电子', form: '在线填报', 'id-card': '现场读卡核验' }[material.getType],
    detail: detailOf(material),
  }));
  cases.insertSubmitted(
    {
      caseNumber,
      taskCode: bundle?.bundle_code ?? first.task_code,
      taskName: bundle?.bundle_name ?? first.task_name,
      deptName: bundle === null ? first.dept_name : [...new Set(guides.map((guide) => guide.dept_name))].join('、'),
      applicantIdNumber: submission.applicant.idNumber,
      applicantName: submission.applicant.name,
      stage: 'accepted',
      stageNote: deferred.length > 0 ? `容缺受理，请在承诺时限内补齐：${deferred.join('、')}` : null,
      submittedAt: submission.submittedAt,
      acceptedAt: answer.acceptedAt,
      promiseDate: addWorkingDays(now, promiseDays).toISOString().slice(0, 10),
      completedAt: null,
    },
    { idempotencyKey: request.idempotencyKey, terminalId: request.terminalId, localReference: submission.localReference, bodySm3, answer: JSON.stringify(answer), receivedAt: now.toISOString() },
    { fields: submission.form, taskCodes: submission.taskCodes },
    materials,
  );
  return json(201, answer);
};
