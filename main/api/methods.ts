import { z } from 'zod';
import { API_VERSION } from './version.ts';
import { localeSchema, localizedTextSchema } from './locale.ts';
import { sessionStateSchema } from './session.ts';
import { platformStatusSchema } from './platform.ts';
import { attractLoopSchema, homeEntrySchema } from './home.ts';
import { identifyStateSchema } from './identify.ts';
import { caseSummarySchema, printOutcomeSchema, terminalCaseSchema } from './cases.ts';
import { scanStateSchema } from './scan.ts';
import { applicationViewSchema, materialWaySchema, ratingLevelSchema, ratingReasonSchema, submissionResultSchema } from './application.ts';
import { cameraFrameSchema, documentStateSchema, pageOutlineSchema } from './documents.ts';
import {
  depositOpeningSchema,
  depositRequestSchema,
  doorSizeSchema,
  dropOffOpeningSchema,
  lockerOverviewSchema,
  pickupAnswerSchema,
  pickupWaitingSchema,
  retrieveAnswerSchema,
  staffSignInSchema,
} from './lockers.ts';
import { helpAnswerSchema, helpScreenSchema } from './help.ts';
import { catalogueReloadSchema, maintenanceOverviewSchema, outboxStateSchema, testPrintSchema } from './maintenance.ts';
import { audienceSchema, bundleSummarySchema, catalogueBrowseSchema, catalogueStatusSchema, guideDetailSchema, guideSummarySchema } from './catalogue.ts';

interface MethodSpec<P extends z.ZodType, R extends z.ZodType> {
  readonly summary: string;
  readonly params: P;
  readonly result: R;
}
const method = <P extends z.ZodType, R extends z.ZodType>(spec: MethodSpec<P, R>): MethodSpec<P, R> => spec;

const noParams = z.object({}).strict();

export const terminalInfoSchema = z
  .object({
    apiVersion: z.literal(API_VERSION),
    /**
     * `lockedDown` is false on a demo or training terminal, which runs without the OS-level lockdown
     * (`browserShell.requireLockdown: false`): the page says so on every screen.
     */
    terminal: z
      .object({
        id: z.string(),
        hallName: localizedTextSchema,
        lockedDown: z.boolean(),
        /** The hall's time zone (IANA): the page shows every time in it, not in the machine's zone. */
        timeZone: z.string(),
      })
      .strict(),
    defaultLocale: localeSchema,
    locales: z.array(localeSchema).min(1),
    homeEntries: z.array(homeEntrySchema),
    attract: attractLoopSchema,
    /**
     * What this terminal can do besides its home entries: identify needs a configured ID card reader; lockers a
     * configured cabinet; maintenance mode (for staff) a staff accounts file.
     */
    capabilities: z.object({ identify: z.boolean(), scan: z.boolean(), lockers: z.boolean(), maintenance: z.boolean() }).strict(),
    /** Staff took the terminal out of service: the page shows the out-of-service screen until staff put it back. */
    outOfService: z.boolean(),
    /** How long the last screen of a journey (take your card and receipt) stays before the session ends by itself. */
    finishSeconds: z.number().int().positive(),
    session: sessionStateSchema,
    platform: platformStatusSchema,
    /** Where the identify and scan steps stand, so a page that reconnects mid-step shows the truth. */
    identify: identifyStateSchema,
    scan: scanStateSchema,
  })
  .strict();
export type TerminalInfo = z.infer<typeof terminalInfoSchema>;

/** Request/response methods the renderer may call. The host validates params and result of every call. */
export const kioskMethods = {
  'kiosk.hello': method({
    summary:
      'First call of a page: states the contract version the page was built for and returns the terminal, ' +
      'its home entries, the current session and platform status. Fails with version-mismatch otherwise.',
    params: z.object({ apiVersion: z.number().int().positive() }).strict(),
    result: terminalInfoSchema,
  }),
  'session.start': method({
    summary:
      'A citizen touched the attract screen: start a session (returns the running one if already started). ' +
      'unavailable while staff have the terminal out of service.',
    params: noParams,
    result: sessionStateSchema,
  }),
  'session.activity': method({
    summary: 'The citizen touched or typed: restart the idle timer. Ignored while the idle warning shows.',
    params: noParams,
    result: sessionStateSchema,
  }),
  'session.extend': method({
    summary: 'The citizen asked for more time on the idle warning. invalid-state when no session is running.',
    params: noParams,
    result: sessionStateSchema,
  }),
  'session.end': method({
    summary: 'The citizen finished: end the session now and wipe everything it held.',
    params: noParams,
    result: sessionStateSchema,
  }),
  'session.setLocale': method({
    summary: 'The citizen switched language; it lasts until the session ends. invalid-state without a session.',
    params: z.object({ locale: localeSchema }).strict(),
    result: sessionStateSchema,
  }),
  'help.call': method({
    summary:
      'The citizen pressed 呼叫工作人员 (call staff) on a screen: raises a help-requested alert for the operator ' +
      '(at most one every few minutes from this terminal) and says whether staff are coming or which hotline to call.',
    params: z.object({ screen: helpScreenSchema }).strict(),
    result: helpAnswerSchema,
  }),
  'identify.start': method({
    summary:
      'The citizen chose to identify: wait for an ID card on the reader (identify.state events follow). ' +
      'invalid-state without a session, unavailable on a terminal without a reader.',
    params: noParams,
    result: identifyStateSchema,
  }),
  'identify.cancel': method({
    summary: 'The citizen left the identify screen: stop waiting for a card.',
    params: noParams,
    result: identifyStateSchema,
  }),
  'cases.mine': method({
    summary:
      "The identified citizen's cases from the platform, newest first, and the cases this terminal still holds for " +
      'them (saved, not yet accepted). When the platform cannot be reached: source "terminal", only what this terminal ' +
      'knows. invalid-state before identification.',
    params: noParams,
    result: z.object({ source: z.enum(['platform', 'terminal']), cases: z.array(caseSummarySchema), onTerminal: z.array(terminalCaseSchema) }).strict(),
  }),
  'cases.printProgress': method({
    summary:
      'Print a progress slip (办件进度) for a case cases.mine returned or a scan found. When the printer cannot print, ' +
      'the result says why and gives the slip QR to show on screen instead.',
    params: z.object({ caseNumber: z.string().min(1).max(50) }).strict(),
    result: printOutcomeSchema,
  }),
  'scan.start': method({
    summary: 'The citizen is about to scan a receipt: the next code from any scanner is looked up (scan.state events follow).',
    params: noParams,
    result: scanStateSchema,
  }),
  'scan.cancel': method({
    summary: 'The citizen left the scan screen.',
    params: noParams,
    result: scanStateSchema,
  }),
  'scan.keyboardCode': method({
    summary:
      'A keyboard-wedge scanner typed a code on the scan screen (the page recognised it by keystroke timing). ' +
      'invalid-state unless the scan step is waiting.',
    params: z.object({ code: z.string().min(1).max(2000) }).strict(),
    result: scanStateSchema,
  }),
  'application.start': method({
    summary:
      'Start applying for an item handled at terminals, or for a 一件事 bundle (one form, one set of materials). Replaces ' +
      'an application not submitted. invalid-state without a session; invalid-request for an item not offered here.',
    params: z.union([z.object({ taskCode: z.string().min(1).max(36) }).strict(), z.object({ bundleCode: z.string().min(1).max(50) }).strict()]),
    result: applicationViewSchema,
  }),
  'application.view': method({
    summary:
      'The application in progress; after identification its form is filled in from the card and the applicant\'s ' +
      '电子证照 are looked up. invalid-state when there is none.',
    params: noParams,
    result: applicationViewSchema,
  }),
  'application.fill': method({
    summary: 'Set form values (by field code); each is checked and the view says what is wrong. Unknown codes: invalid-request.',
    params: z.object({ values: z.record(z.string().max(50), z.string().max(2000)) }).strict(),
    result: applicationViewSchema,
  }),
  'application.provide': method({
    summary:
      'Choose how a material is provided. A commitment (告知承诺) needs the signature drawn on the screen, as a PNG data URL. ' +
      'invalid-request for a way not offered for that material or an unusable signature.',
    params: z
      .object({
        materialId: z.string().min(1).max(20),
        way: materialWaySchema,
        signature: z.string().startsWith('data:image/png;base64,').max(600_000).optional(),
      })
      .strict(),
    result: applicationViewSchema,
  }),
  'application.submit': method({
    summary:
      'Submit: the case is committed on this terminal first (nothing is lost after this), then delivered. Answers ' +
      'accepted (the platform\'s case number), saved (delivered automatically later; a local reference), or rejected ' +
      '(why). invalid-state unless identified and ready.',
    params: noParams,
    result: submissionResultSchema,
  }),
  'application.printReceipt': method({
    summary: 'Print the 受理回执 (or, for a saved case, a slip with its local reference). When the printer cannot print, the QR for the screen.',
    params: noParams,
    result: printOutcomeSchema,
  }),
  'application.rate': method({
    summary:
      '好差评 for the service just used: a level the citizen chose (never pre-selected), with a reason for the two negative ' +
      'levels. Queued like cases. invalid-request without a reason for level 1 or 2; invalid-state before a submission.',
    params: z.object({ level: ratingLevelSchema, reasons: z.array(ratingReasonSchema).max(5), comment: z.string().max(200).optional() }).strict(),
    result: z.object({ saved: z.literal(true) }).strict(),
  }),
  'application.cancel': method({
    summary: 'The citizen gave up the application: everything it held is dropped.',
    params: noParams,
    result: z.object({ cancelled: z.literal(true) }).strict(),
  }),
  'document.start': method({
    summary:
      'Start scanning the paper for a material of the application (one whose ways include scan). invalid-state without an ' +
      'application; unavailable on a terminal without a document scanner.',
    params: z.object({ materialId: z.string().min(1).max(20) }).strict(),
    result: documentStateSchema,
  }),
  'document.outline': method({
    summary: 'Where the sheet is in a small preview frame from the camera (for the outline and for capturing when it is steady).',
    params: z.object({ frame: cameraFrameSchema.max(400_000) }).strict(),
    result: pageOutlineSchema,
  }),
  'document.capture': method({
    summary: 'A full camera frame: the sheet is found, straightened, cropped and added as a page (or the state says why not).',
    params: z.object({ frame: cameraFrameSchema }).strict(),
    result: documentStateSchema,
  }),
  'document.scan': method({
    summary: 'Scan with the sheet scanner (the flatbed\'s page, or the feeder\'s pages), adding them as pages.',
    params: noParams,
    result: documentStateSchema,
  }),
  'document.cancel': method({
    summary: 'Stop a sheet scan under way; no page of it is kept.',
    params: noParams,
    result: documentStateSchema,
  }),
  'document.movePage': method({
    summary: 'Move a page to another place (0 is first).',
    params: z.object({ pageId: z.string().min(1).max(40), to: z.number().int().min(0).max(100) }).strict(),
    result: documentStateSchema,
  }),
  'document.removePage': method({
    summary: 'Delete a page (to retake it).',
    params: z.object({ pageId: z.string().min(1).max(40) }).strict(),
    result: documentStateSchema,
  }),
  'document.attach': method({
    summary:
      'The pages, in order, as one PDF at the terminal\'s dpi, attached to the material (way scan). The pages are then ' +
      'dropped from the scanner. invalid-state without pages; the state\'s problem says oversized when the file is too large.',
    params: noParams,
    result: z.union([z.object({ attached: z.literal(true), application: applicationViewSchema }).strict(), z.object({ attached: z.literal(false), document: documentStateSchema }).strict()]),
  }),
  'document.discard': method({
    summary: 'The citizen left the scan screen without attaching: its pages are dropped.',
    params: noParams,
    result: z.object({ discarded: z.literal(true) }).strict(),
  }),
  'catalogue.status': method({
    summary: 'Whether this terminal holds a service catalogue, which version, and how many guides it offers now.',
    params: noParams,
    result: catalogueStatusSchema,
  }),
  'catalogue.search': method({
    summary:
      'Find guides as the citizen types: Chinese from one character, toneless pinyin, initials, short forms (社保, sb). ' +
      'Best first; guides that cannot be handled at this terminal are included and marked. unavailable without a catalogue.',
    params: z
      .object({ query: z.string().min(1).max(50), audience: audienceSchema.optional(), limit: z.number().int().min(1).max(50).default(20) })
      .strict(),
    /** `more`: more guides match than `limit`; the screen shows the best ones and asks for a longer query. */
    result: z.object({ results: z.array(guideSummarySchema), more: z.boolean() }).strict(),
  }),
  'catalogue.browse': method({
    summary: 'The themes (for people or for organisations), departments and life events (一件事) to browse by.',
    params: z.object({ audience: audienceSchema }).strict(),
    result: catalogueBrowseSchema,
  }),
  'catalogue.list': method({
    summary: "The guides under one theme or one department, most chosen first.",
    params: z.object({ audience: audienceSchema, by: z.enum(['theme', 'department']), name: z.string().min(1).max(200) }).strict(),
    result: z.object({ results: z.array(guideSummarySchema) }).strict(),
  }),
  'catalogue.bundle': method({
    summary: 'A life event (一件事) and its member guides in order; null when this terminal does not offer it.',
    params: z.object({ bundleCode: z.string().min(1).max(50) }).strict(),
    result: z.object({ bundle: bundleSummarySchema, guides: z.array(guideSummarySchema) }).strict().nullable(),
  }),
  'catalogue.guide': method({
    summary: 'One guide (办事指南) for the guide screen; null when this terminal does not offer it (now).',
    params: z.object({ taskCode: z.string().min(1).max(36) }).strict(),
    result: z.object({ guide: guideDetailSchema.nullable() }).strict(),
  }),
  'lockers.pickup.begin': method({
    summary:
      'The identified citizen opened the locker pickup screen: how many items wait for them here. While it is open, ' +
      'a code read by a serial or HID scanner comes as a lockers.pickup.codeScanned event. invalid-state before ' +
      'identification, unavailable without lockers.',
    params: noParams,
    result: pickupWaitingSchema,
  }),
  'lockers.pickup.enterCode': method({
    summary:
      'The pickup code from the SMS, typed on the keypad or scanned (digits, or the SMS link holding them). Checked ' +
      'here against the items held for the identified citizen; the right one opens its door (confirmed by the door ' +
      'sensor), and lockers.pickup.outcome follows when the door closes. Wrong codes count towards a lockout.',
    params: z.object({ code: z.string().min(1).max(2000) }).strict(),
    result: pickupAnswerSchema,
  }),
  'lockers.pickup.printSlip': method({
    summary: 'Print the 取件凭证 of what was collected in this session; when the printer cannot, the QR to show instead.',
    params: noParams,
    result: printOutcomeSchema,
  }),
  'lockers.pickup.end': method({
    summary: 'The citizen left the pickup screen: scanned codes are no longer for it.',
    params: noParams,
    result: z.object({ ended: z.literal(true) }).strict(),
  }),
  'lockers.dropOff.start': method({
    summary:
      "The identified citizen drops paper materials for one of their cases: a free door of the size asked for opens " +
      '(lockers.dropOff.outcome follows when it closes). not-your-case when the platform says the case is another’s.',
    params: z
      .object({ caseNumber: z.string().min(1).max(50), materials: z.array(z.string().min(1).max(100)).min(1).max(20), size: doorSizeSchema })
      .strict(),
    result: dropOffOpeningSchema,
  }),
  'lockers.dropOff.printReceipt': method({
    summary: 'Print the 材料接收凭证 of the materials received in this session; when the printer cannot, the QR instead.',
    params: noParams,
    result: printOutcomeSchema,
  }),
  'staff.signIn': method({
    summary:
      'Maintenance mode: a staff member signs in (only from the attract or out-of-service screen, never within a ' +
      'citizen session). Wrong passwords count per account and per terminal towards a lockout. unavailable without a ' +
      'staff accounts file.',
    params: z.object({ staffId: z.string().min(1).max(32), password: z.string().min(1).max(200) }).strict(),
    result: staffSignInSchema,
  }),
  'staff.signOut': method({
    summary: 'The staff member leaves maintenance mode (also when the maintenance screen went idle).',
    params: noParams,
    result: z.object({ signedOut: z.literal(true) }).strict(),
  }),
  'lockers.deposit.begin': method({
    summary:
      'Staff deposit a certificate for an applicant: the snuggest free door that fits opens (another when one will ' +
      'not); lockers.deposit.outcome follows when it closes. invalid-state when nobody is signed in.',
    params: depositRequestSchema,
    result: depositOpeningSchema,
  }),
  'lockers.deposit.cancel': method({
    summary: 'Staff changed their mind: when the open door closes, nothing is registered.',
    params: noParams,
    result: z.object({ cancelled: z.literal(true) }).strict(),
  }),
  'lockers.overview': method({
    summary: 'Every door for staff: size, out of service, what it holds, since when, overdue, problems.',
    params: noParams,
    result: lockerOverviewSchema,
  }),
  'lockers.retrieve': method({
    summary: 'Staff take an item back out (expired, refused, dropped-off materials): its door opens.',
    params: z.object({ reference: z.string().min(1).max(64) }).strict(),
    result: retrieveAnswerSchema,
  }),
  'lockers.clearJam': method({
    summary: 'A door staff repaired goes back into service; returns every door again.',
    params: z.object({ cabinet: z.string().min(1).max(20), door: z.number().int().positive() }).strict(),
    result: lockerOverviewSchema,
  }),
  'maintenance.overview': method({
    summary:
      'Maintenance mode: every configured device with its health and last error, the outbox (counts, the oldest ' +
      'waiting), the catalogue, and whether the terminal is out of service. Keeps the staff session alive. ' +
      'invalid-state when nobody is signed in (or within a citizen session).',
    params: noParams,
    result: maintenanceOverviewSchema,
  }),
  'maintenance.testPrint': method({
    summary: 'Staff print the printer test page (打印机测试页); recorded in the audit log. unavailable without a receipt printer.',
    params: noParams,
    result: testPrintSchema,
  }),
  'maintenance.reloadCatalogue': method({
    summary:
      'Staff sync the service catalogue with the platform now; the catalogue held is kept when that fails. Recorded ' +
      'in the audit log. unavailable without a catalogue.',
    params: noParams,
    result: catalogueReloadSchema,
  }),
  'maintenance.retryOutbox': method({
    summary:
      'Staff have every entry waiting in the outbox tried now instead of at its next retry time; returns the outbox ' +
      'as it is once the attempts have begun. Recorded in the audit log.',
    params: noParams,
    result: outboxStateSchema,
  }),
  'maintenance.restartKiosk': method({
    summary:
      'Staff restart the kiosk: recorded in the audit log, the staff member signed out, then the host stops and its ' +
      'process exits with status 75, which systemd restarts (docs/maintenance.md). The page loses its connection.',
    params: noParams,
    result: z.object({ restarting: z.literal(true) }).strict(),
  }),
  'maintenance.setOutOfService': method({
    summary:
      'Staff take the terminal out of service (no citizen session starts; every page shows the out-of-service ' +
      'screen and an alert is raised) or put it back (the alert is cleared). Recorded in the audit log; kept across ' +
      'restarts.',
    params: z.object({ outOfService: z.boolean() }).strict(),
    result: z.object({ outOfService: z.boolean() }).strict(),
  }),
  'platform.status': method({
    summary: 'Whether the central platform is reachable now.',
    params: noParams,
    result: platformStatusSchema,
  }),
} as const;

export type KioskMethods = typeof kioskMethods;
export type MethodName = keyof KioskMethods;
export type MethodParams<M extends MethodName> = z.input<KioskMethods[M]['params']>;
export type MethodResult<M extends MethodName> = z.output<KioskMethods[M]['result']>;

export const isMethodName = (name: string): name is MethodName => Object.hasOwn(kioskMethods, name);
