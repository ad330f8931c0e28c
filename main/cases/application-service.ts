import { randomUUID } from 'node:crypto';
import type { ApplicationView, PrintOutcome, RatingReason, SubmissionResult } from '../api/index.ts';
import type { GuideRecord } from '../catalogue/guide-record.ts';
import type { Clock } from '../common/clock.ts';
import type { CaseAcceptance, CaseSubmissionBody, Certificate, DeliveredMaterial, RatingBody } from '../platform/platform-deliveries.ts';
import type { PlatformAdapter } from '../platform/platform-adapter.ts';
import type { CitizenSession } from '../session/citizen-session.ts';
import { maskApplicant, maskIdNumber } from '../session/mask-id-number.ts';
import { PrinterUnavailable, PrintInterrupted } from '../../drivers/printer/printer-errors.ts';
import type { ReceiptPrinter } from '../../drivers/printer/receipt-printer.ts';
import { holderAddress, holderName } from '../session/card-holder.ts';
import { checkForm, mergeForms, prefilledValues, type FormField } from './application-form.ts';
import { automaticWay, certificateFor, commitmentText, mergeMaterials, waysFor, type MaterialRequirement, type MaterialWay } from './material-plan.ts';
import type { OutboxCourier } from './outbox-courier.ts';
import type { Outbox } from './outbox.ts';
import type { ReceiptBranding } from './receipts/receipt-frame.ts';
import { acceptanceReceipt, savedApplicationSlip } from './receipts/receipt-templates.ts';
import { ApplicationRefused } from './application-refused.ts';
import { checkedSignature } from './signature-png.ts';

export interface ApplicationCatalogue {
  application(target: { taskCode: string } | { bundleCode: string }): { bundle: { bundleCode: string; bundleName: string } | null; guides: GuideRecord[] } | null;
}

export interface ApplicationServiceOptions {
  session: CitizenSession;
  catalogue: () => ApplicationCatalogue | null;
  platform: Pick<PlatformAdapter, 'certificatesOf'>;
  outbox: Outbox;
  courier: OutboxCourier;
  printer: ReceiptPrinter | null;
  branding: () => Promise<ReceiptBranding>;
  trackingUrl: string;
  hotline: string;
  clock: Clock;
  /** The longest a citizen waits for the platform's decision before being told "saved, submitted automatically". */
  decisionWaitMs: number;
  /** Whether a document scanner can provide materials here (document-scanning capability). */
  scanning: boolean;
}

/** The platform's indicator texts for the reasons a citizen may give (GB/T 39734 offline indicators). */
const RATING_REASON_TEXTS: Record<RatingReason, string> = {
  slow: '办理时间长',
  complicated: '操作复杂',
  'unclear-materials': '材料要求不清楚',
  'device-fault': '设备故障',
  'not-helpful': '未能解决问题',
};

/** ID card types as the platform codes them (申请人证件类型; 111 居民身份证; the others are this platform's own). */
const ID_TYPES = { resident: '111', 'hk-mo-tw-residence': '154', 'foreign-permanent': '553', 'foreign-permanent-2023': '553' } as const;

interface Provision {
  way: MaterialWay;
  certificate?: Certificate | undefined;
  signaturePng?: string;
  /** The scanned pages as one PDF, base64. */
  pdf?: string;
}

interface Application {
  draftId: string;
  title: string;
  bundle: { bundleCode: string; bundleName: string } | null;
  guides: GuideRecord[];
  fields: FormField[];
  values: Record<string, string>;
  prefilled: Set<string>;
  materials: MaterialRequirement[];
  provisions: Map<string, Provision>;
  certificates: { state: 'not-yet' | 'loaded' | 'unavailable'; list: Certificate[] };
  /** Set once submitted: the application is then frozen. */
  outcome: { entryId: number; localReference: string; result: SubmissionResult; acceptance: CaseAcceptance | null } | null;
  rated: boolean;
}

/**
 * The citizen's application in progress (architecture.md, "the walk"): built from the guide (or a bundle's guides)
 * when the citizen starts, filled in from the ID card once identified, its materials provided one way or another,
 * then committed to the outbox (the point of no return) and delivered. Everything it holds lives in this
 * session's memory and is dropped when the session ends; only the outbox keeps the submitted case, sealed.
 */
export class ApplicationService {
  readonly #options: ApplicationServiceOptions;
  #current: Application | null = null;

  constructor(options: ApplicationServiceOptions) {
    this.#options = options;
    options.session.onEnd(() => (this.#current = null));
  }

  async start(target: { taskCode: string } | { bundleCode: string }): Promise<ApplicationView> {
    if (this.#options.session.state.phase === 'attract') throw new ApplicationRefused('invalid-state', 'no citizen session is running');
    const catalogue = this.#options.catalogue();
    if (catalogue === null) throw new ApplicationRefused('unavailable', 'this terminal has no service catalogue');
    const found = catalogue.application(target);
    if (found === null) throw new ApplicationRefused('invalid-request', 'this item is not offered at this terminal now');
    const { bundle, guides } = found;
    this.#current = {
      draftId: randomUUID(),
      title: bundle?.bundleName ?? guides[0]?.task_name ?? '',
      bundle,
      guides,
      fields: mergeForms(guides),
      values: {},
      prefilled: new Set(),
      materials: mergeMaterials(guides),
      provisions: new Map(),
      certificates: { state: 'not-yet', list: [] },
      outcome: null,
      rated: false,
    };
    return this.view();
  }

  /** The application as the screens show it; identification fills the form and brings the applicant's 电子证照. */
  async view(): Promise<ApplicationView> {
    const application = this.#require();
    const card = this.#options.session.identity;
    if (card !== null && application.outcome === null) {
      if (application.prefilled.size === 0) {
        const values = prefilledValues(application.fields, { name: holderName(card), idNumber: card.idNumber, address: holderAddress(card) });
        for (const [code, value] of Object.entries(values)) {
          if ((application.values[code] ?? '') === '') application.values[code] = value;
          application.prefilled.add(code);
        }
      }
      if (application.certificates.state !== 'loaded') {
        try {
          application.certificates = { state: 'loaded', list: await this.#options.platform.certificatesOf(card.idNumber) };
        } catch {
          application.certificates = { state: 'unavailable', list: [] };
        }
        if (this.#current !== application) throw new ApplicationRefused('invalid-state', 'the application ended');
      }
      this.#chooseAutomatically(application);
    }
    return this.#viewOf(application);
  }

  async fill(values: Readonly<Record<string, string>>): Promise<ApplicationView> {
    const application = this.#editable();
    const known = new Set(application.fields.map((field) => field.code));
    const unknown = Object.keys(values).filter((code) => !known.has(code));
    if (unknown.length > 0) throw new ApplicationRefused('invalid-request', `no field ${unknown.join(', ')} in this form`);
    Object.assign(application.values, values);
    return this.view();
  }

  async provide(materialId: string, way: MaterialWay, signature: string | undefined): Promise<ApplicationView> {
    const application = this.#editable();
    const requirement = application.materials.find((material) => material.id === materialId);
    if (requirement === undefined) throw new ApplicationRefused('invalid-request', `no material ${materialId}`);
    const ways = this.#waysOf(application, requirement);
    if (!ways.includes(way)) throw new ApplicationRefused('invalid-request', `${requirement.name} cannot be provided by ${way} here`);
    if (way === 'scan') throw new ApplicationRefused('invalid-request', 'a scan is attached from the document scanner (document.attach)');
    const provision: Provision = { way };
    if (way === 'commitment') provision.signaturePng = checkedSignature(signature);
    if (way === 'certificate') provision.certificate = certificateFor(requirement, application.certificates.list) ?? undefined;
    application.provisions.set(materialId, provision);
    return this.view();
  }

  /** The material a scan is for: its name, when it may be scanned (refused otherwise). */
  scannableMaterial(materialId: string): { id: string; name: string } {
    const application = this.#editable();
    const requirement = application.materials.find((material) => material.id === materialId);
    if (requirement === undefined || !this.#waysOf(application, requirement).includes('scan')) {
      throw new ApplicationRefused('invalid-request', `material ${materialId} cannot be scanned here`);
    }
    return { id: requirement.id, name: requirement.name };
  }

  /** Attaches a scanned material (one PDF of its pages). */
  async attachScan(materialId: string, pdf: Uint8Array): Promise<ApplicationView> {
    const application = this.#editable();
    this.scannableMaterial(materialId);
    application.provisions.set(materialId, { way: 'scan', pdf: Buffer.from(pdf).toString('base64') });
    return this.view();
  }

  /**
   * Commits the case to the outbox (durably, before anything is said to the citizen), then waits a little for the
   * platform's decision. Submitting again returns the first outcome: a double tap never makes a second case.
   */
  async submit(): Promise<SubmissionResult> {
    const application = this.#require();
    if (application.outcome !== null) return application.outcome.result;
    const card = this.#options.session.identity;
    if (card === null) throw new ApplicationRefused('invalid-state', 'the applicant has not identified');
    const view = await this.view();
    if (!view.ready) throw new ApplicationRefused('invalid-state', 'the application is not complete');
    const { clock, outbox, courier } = this.#options;
    const name = holderName(card);
    const body: CaseSubmissionBody = {
      localReference: application.draftId,
      submittedAt: new Date(clock.now()).toISOString(),
      bundleCode: application.bundle?.bundleCode ?? null,
      taskCodes: application.guides.map((guide) => guide.task_code),
      applicant: { name, idType: ID_TYPES[card.cardType], idNumber: card.idNumber },
      form: Object.fromEntries(application.fields.map((field) => [field.code, (application.values[field.code] ?? '').trim()])),
      materials: application.materials.flatMap((requirement) => deliveredMaterial(requirement, application, card.idNumber)),
    };
    const entry = outbox.enqueue(
      {
        kind: 'case',
        draftId: application.draftId,
        idempotencyKey: randomUUID(),
        body: JSON.stringify(body),
        summary: { itemNames: application.guides.map((guide) => guide.task_name), taskCodes: body.taskCodes, bundleCode: body.bundleCode },
        applicantIdNumber: card.idNumber,
      },
      clock.now(),
    );
    // From here on the case is safe: whatever happens next, the outbox delivers it.
    application.outcome = { entryId: entry.id, localReference: entry.localReference, result: { status: 'saved', localReference: entry.localReference }, acceptance: null };
    courier.kick();
    // The first attempt's answer, or "saved" as soon as it is clear the platform cannot decide now.
    const decision = await courier.awaitAttempt(entry.id, this.#options.decisionWaitMs);
    if (decision?.state === 'accepted') {
      const acceptance = decision.answer as CaseAcceptance;
      application.outcome.acceptance = acceptance;
      application.outcome.result = {
        status: 'accepted',
        caseNumber: acceptance.caseNumber,
        acceptedAt: acceptance.acceptedAt,
        promiseDays: acceptance.promiseDays,
        deferredMaterials: acceptance.deferredMaterials,
      };
    } else if (decision?.state === 'rejected') {
      application.outcome.result = { status: 'rejected', reasons: decision.detail.length > 0 ? decision.detail : [decision.message] };
    }
    return application.outcome.result;
  }

  async printReceipt(): Promise<PrintOutcome> {
    const application = this.#require();
    const outcome = application.outcome;
    if (outcome === null || outcome.result.status === 'rejected') throw new ApplicationRefused('invalid-state', 'nothing to print: the application was not accepted or saved');
    const citizen = this.#options.session.state.phase === 'attract' ? null : this.#options.session.state.citizen;
    const applicantMasked = citizen === null ? '' : maskApplicant(citizen);
    const itemNames = application.guides.map((guide) => guide.task_name);
    const trackingUrl = outcome.acceptance === null ? '' : `${this.#options.trackingUrl}${encodeURIComponent(outcome.acceptance.caseNumber)}`;
    const { printer } = this.#options;
    if (printer === null) return { printed: false, reason: 'no-printer', trackingUrl };
    const branding = await this.#options.branding();
    const job =
      outcome.acceptance === null
        ? savedApplicationSlip(branding, { localReference: outcome.localReference, itemNames, applicantMasked, savedAt: new Date(this.#options.clock.now()), hotline: this.#options.hotline })
        : acceptanceReceipt(branding, {
            caseNumber: outcome.acceptance.caseNumber,
            itemNames,
            applicantMasked,
            promiseDays: outcome.acceptance.promiseDays,
            acceptedAt: new Date(outcome.acceptance.acceptedAt),
            trackingUrl,
            queryPassword: outcome.acceptance.queryPassword,
            deferredMaterials: outcome.acceptance.deferredMaterials,
          });
    try {
      await printer.print(job);
      return { printed: true };
    } catch (error) {
      if (error instanceof PrinterUnavailable || error instanceof PrintInterrupted) return { printed: false, reason: error.problem, trackingUrl };
      throw error;
    }
  }

  /** 好差评: queued like a case; once per application. The level is only ever the citizen's own choice. */
  rate(level: number, reasons: readonly RatingReason[], comment: string | undefined): { saved: true } {
    const application = this.#require();
    if (application.outcome === null) throw new ApplicationRefused('invalid-state', 'rate after submitting');
    if (level <= 2 && reasons.length === 0 && (comment ?? '').trim() === '') throw new ApplicationRefused('invalid-request', 'a negative rating needs a reason');
    if (application.rated) return { saved: true };
    const body: RatingBody = {
      caseNumber: application.outcome.acceptance?.caseNumber ?? null,
      taskCodes: application.guides.map((guide) => guide.task_code),
      level,
      reasons: reasons.map((reason) => RATING_REASON_TEXTS[reason]),
      ...(comment === undefined || comment.trim() === '' ? {} : { comment: comment.trim() }),
      assessedAt: new Date(this.#options.clock.now()).toISOString(),
    };
    this.#options.outbox.enqueue(
      { kind: 'rating', draftId: `${application.draftId}:rating`, idempotencyKey: randomUUID(), body: JSON.stringify(body), summary: { itemNames: [application.title], taskCodes: body.taskCodes, bundleCode: application.bundle?.bundleCode ?? null } },
      this.#options.clock.now(),
    );
    this.#options.courier.kick();
    application.rated = true;
    return { saved: true };
  }

  cancel(): { cancelled: true } {
    this.#current = null;
    return { cancelled: true };
  }

  #require(): Application {
    if (this.#current === null) throw new ApplicationRefused('invalid-state', 'no application is in progress');
    return this.#current;
  }

  #editable(): Application {
    const application = this.#require();
    if (application.outcome !== null) throw new ApplicationRefused('invalid-state', 'the application was submitted');
    return application;
  }

  #waysOf(application: Application, requirement: MaterialRequirement): MaterialWay[] {
    const card = this.#options.session.identity;
    return waysFor(requirement, { residentCard: card?.cardType === 'resident', certificates: application.certificates.list }, this.#options.scanning);
  }

  #chooseAutomatically(application: Application): void {
    for (const requirement of application.materials) {
      if (application.provisions.has(requirement.id)) continue;
      const way = automaticWay(this.#waysOf(application, requirement));
      if (way === null) continue;
      application.provisions.set(requirement.id, way === 'certificate' ? { way, certificate: certificateFor(requirement, application.certificates.list) ?? undefined } : { way });
    }
  }

  #viewOf(application: Application): ApplicationView {
    const problems = checkForm(application.fields, application.values);
    const materials = application.materials.map((requirement) => {
      const ways = this.#waysOf(application, requirement);
      const chosen = application.provisions.get(requirement.id)?.way ?? null;
      return {
        id: requirement.id,
        name: requirement.name,
        need: requirement.need,
        ways,
        chosen: chosen !== null && ways.includes(chosen) ? chosen : null,
        certificateName: certificateFor(requirement, application.certificates.list)?.certificateName ?? null,
        commitmentText: requirement.commitmentAllowed ? commitmentText(requirement.name, application.guides.map((guide) => guide.task_name)) : null,
        forItems: requirement.forItems,
      };
    });
    const windowOnly = materials.filter((material) => material.need !== 'optional' && material.ways.length === 0).map((material) => material.name);
    const identified = this.#options.session.identity !== null;
    return {
      draftId: application.draftId,
      title: application.title,
      bundleCode: application.bundle?.bundleCode ?? null,
      items: application.guides.map((guide) => ({ taskCode: guide.task_code, taskName: guide.task_name, deptName: guide.dept_name, promiseDays: guide.promise_day ?? null })),
      identified,
      fields: application.fields.map((field) => {
        const value = application.values[field.code] ?? '';
        return {
          code: field.code,
          label: field.label,
          type: field.type,
          required: field.required,
          maxLength: field.maxLength,
          options: field.options,
          value,
          masked: field.type === 'id-number' && value !== '' ? maskIdNumber(value) : null,
          prefilled: application.prefilled.has(field.code),
          problem: problems[field.code] ?? null,
        };
      }),
      materials,
      certificates: application.certificates.state,
      ready: identified && Object.keys(problems).length === 0 && windowOnly.length === 0 && materials.every((material) => material.chosen !== null || material.need === 'optional'),
      windowOnly,
    };
  }
}

const deliveredMaterial = (requirement: MaterialRequirement, application: Application, idNumber: string): DeliveredMaterial[] => {
  const provision = application.provisions.get(requirement.id);
  const materialName = requirement.name;
  switch (provision?.way) {
    case 'form':
      return [{ materialName, getType: 'form' }];
    case 'id-card':
      return [{ materialName, getType: 'id-card', idNumber }];
    case 'certificate':
      return provision.certificate === undefined ? [] : [{ materialName, getType: 'certificate', certificateNumber: provision.certificate.certificateNumber }];
    case 'commitment':
      return [{ materialName, getType: 'commitment', commitmentText: commitmentText(materialName, application.guides.map((guide) => guide.task_name)), signaturePng: provision.signaturePng ?? '' }];
    case 'deferred':
      return [{ materialName, getType: 'deferred' }];
    case 'scan':
      return provision.pdf === undefined ? [] : [{ materialName, getType: 'scan', pdf: provision.pdf }];
    default:
      return [];
  }
};
