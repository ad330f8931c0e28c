import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { API_VERSION, type CallResponse, type CitizenSummary, type HomeEntry, type KioskEvent } from '../api/index.ts';
import { systemClock, type Clock, type TimerHandle } from '../common/clock.ts';
import { CitizenSession } from '../session/citizen-session.ts';
import { IdentifyStep } from '../session/identify-step.ts';
import { DeviceManager } from '../../drivers/manager/device-manager.ts';
import { PAPER } from '../../drivers/printer/receipt-layout.ts';
import { MyCases, NotIdentified, NotYourCase } from '../cases/my-cases.ts';
import { ApplicationService } from '../cases/application-service.ts';
import { OutboxCourier } from '../cases/outbox-courier.ts';
import { Outbox } from '../cases/outbox.ts';
import { PayloadSeal } from '../cases/sealed-payload.ts';
import { fileDataKeyStore, type DataKeyStore } from '../storage/data-key.ts';
import { DocumentCapture, type DocumentScannerSettings } from '../documents/document-capture.ts';
import { PageProcessor } from '../documents/page-processor.ts';
import type { DocumentScannerConfig } from '../../drivers/manager/device-config.ts';
import { ReceiptScan } from '../cases/receipt-scan.ts';
import { loadReceiptBranding } from '../cases/receipts/receipt-branding.ts';
import type { ReceiptBranding } from '../cases/receipts/receipt-frame.ts';
import { CatalogueService } from '../catalogue/catalogue-service.ts';
import { CatalogueStore } from '../catalogue/catalogue-store.ts';
import { CatalogueSync } from '../catalogue/catalogue-sync.ts';
import { HttpPlatformAdapter } from '../platform/http-platform-adapter.ts';
import { TerminalRefused, type PlatformAdapter } from '../platform/platform-adapter.ts';
import { PlatformReachability } from '../platform/platform-reachability.ts';
import { loadTerminalIdentity } from '../platform/terminal-identity.ts';
import { TerminalEnrolment } from '../platform/terminal-enrolment.ts';
import type { TerminalConfig } from '../config/terminal-config.ts';
import { ApiFailure } from './api-failure.ts';
import { serviceCall } from './service-call.ts';
import { createLockerCapability, lockerMethodsUnavailable } from './locker-capability.ts';
import { createApiDispatcher, type MethodHandlers } from './api-dispatcher.ts';
import { createEventHub } from './event-hub.ts';


export interface KioskHostDependencies {
  log: Logger;
  clock?: Clock;
  platform?: PlatformAdapter;
  /** Where the key sealing citizens' data at rest is kept (default: a 0600 file in the data dir). */
  dataKeys?: DataKeyStore;
}

export interface KioskHost {
  readonly config: TerminalConfig;
  /** Answers one call from the page (any transport). */
  dispatch(raw: unknown): Promise<CallResponse>;
  /** Ends the citizen session from the shell's side (the page crashed or was replaced), wiping it. */
  endSession(): void;
  /** Pushed events for the transports to forward. */
  subscribe(listener: (event: KioskEvent) => void): () => void;
  /** Prepares the data directory and starts background work (platform checks). */
  start(): Promise<void>;
  /** Ends any session (wiping it), stops background work and lets go of the devices. */
  stop(): Promise<void>;
  /** A camera document scan is under way: the only time a shell lets the page use the camera. */
  readonly cameraInUse: boolean;
}

const documentSettingsOf = (device: DocumentScannerConfig): DocumentScannerSettings => ({
  source:
    device.connection.type === 'camera'
      ? { type: 'camera', label: device.connection.label ?? null }
      : { type: 'sane', device: device.connection.device, feeder: device.connection.source === 'feeder', options: device.connection.options },
  dpi: device.dpi,
  colour: device.colour,
  maxPageBytes: device.maxPageKilobytes * 1024,
  maxFileBytes: device.maxFileKilobytes * 1024,
  maxPages: device.maxPages,
  timeoutMs: device.timeoutSeconds * 1000,
});

/** The composition root: builds the services a terminal's config asks for and wires them to the contract. */
export const createKioskHost = (config: TerminalConfig, dependencies: KioskHostDependencies): KioskHost => {
  const { log } = dependencies;
  const clock = dependencies.clock ?? systemClock;
  const events = createEventHub(log);
  let identifiedCitizen: CitizenSummary | null = null;

  const session = new CitizenSession({
    idleTimeoutMs: config.session.idleTimeoutSeconds * 1000,
    warningMs: config.session.warningSeconds * 1000,
    defaultLocale: config.defaultLocale,
    clock,
    newSessionId: randomUUID,
    onChange: (state) => {
      if (state.phase !== 'warning') log.info({ phase: state.phase, identified: 'citizen' in state && state.citizen !== null }, 'session state');
      events.emit('session.state', state);
      if (state.phase === 'active' && state.citizen !== null && state.citizen !== identifiedCitizen) {
        events.emit('session.identified', state.citizen);
      }
      identifiedCitizen = state.phase === 'attract' ? null : state.citizen;
    },
    onWipeError: (error) => log.error({ err: error }, 'session wipe failed'),
  });

  // The service catalogue, when the config has one: opened at start (the data directory exists by then).
  let catalogue: { store: CatalogueStore; service: CatalogueService } | null = null;

  // The data directory holds the terminal's key, databases and nothing for anyone else.
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const identity = loadTerminalIdentity(config.dataDir, config.terminalId);
  const platformAdapter =
    dependencies.platform ??
    new HttpPlatformAdapter({
      baseUrl: config.platform.baseUrl,
      timeoutMs: config.platform.timeoutMs,
      signer: identity,
      now: () => new Date(clock.now()),
      ...(config.catalogue === undefined ? {} : { downloadTimeoutMs: config.catalogue.downloadTimeoutSeconds * 1000 }),
    });
  const enrolment = new TerminalEnrolment({
    identity,
    dataDir: config.dataDir,
    enrolmentCode: config.platform.enrolmentCode,
    platform: platformAdapter,
    now: () => new Date(clock.now()),
  });
  // Enrolment is tried at start, whenever the platform comes back, and every health interval until it succeeds.
  let enrolRetry: TimerHandle | null = null;
  let stopped = false;
  let enrolling: Promise<void> | null = null;
  const enrol = (): Promise<void> => {
    if (enrolment.registered || stopped) return Promise.resolve();
    if (enrolRetry !== null) clock.clearTimeout(enrolRetry);
    enrolRetry = null;
    enrolling ??= enrolment
      .ensure()
      .then(
        (registered) => {
          if (registered) log.info({ terminalId: config.terminalId }, 'terminal registered with the platform');
          else log.warn('terminal not registered with the platform and no enrolment code in its config');
        },
        (error: unknown) => {
          log.warn({ err: error }, 'terminal enrolment failed; trying again');
          if (!stopped) enrolRetry = clock.setTimeout(() => void enrol(), config.platform.healthIntervalSeconds * 1000);
        },
      )
      .finally(() => {
        enrolling = null;
      });
    return enrolling;
  };
  const platform = new PlatformReachability({
    adapter: platformAdapter,
    clock,
    intervalMs: config.platform.healthIntervalSeconds * 1000,
    onChange: (status) => {
      log.info({ reachable: status.reachable }, 'platform reachability changed');
      events.emit('platform.status', status);
      if (status.reachable) {
        catalogue?.service.platformBack();
        void enrol().then(() => courier.kick());
      }
    },
    onCheckFailed: (error) => log.debug({ err: error }, 'platform health check failed'),
  });

  // Every device of the config, built and owned by the device manager. A device missing at start is not an
  // error: its transport keeps looking for it, and the screens say "call staff" until it is back.
  const devices = new DeviceManager(config.devices);
  const readerDevice = devices.idCardReader;
  const reader = readerDevice?.reader ?? null;
  reader?.on('state', (state) => log.info({ device: readerDevice?.id, state }, 'ID card reader state'));
  const identify =
    readerDevice === null
      ? null
      : new IdentifyStep({
          reader: readerDevice.reader,
          session,
          timeoutMs: config.session.identifyTimeoutSeconds * 1000,
          photoDecoder: readerDevice.photoDecoder,
          onChange: (state) => events.emit('identify.state', state),
          onReaderTrouble: (code) => log.warn({ device: readerDevice.id, code }, 'ID card reader trouble during identify'),
        });

  // The receipt printer, when the terminal has one; like the reader, a missing printer is a state, not an error.
  const printer = devices.receiptPrinter;
  printer?.on('alert', (alert) => log.warn({ alert }, 'receipt printer alert'));
  let branding: Promise<ReceiptBranding> | null = null;
  const receiptBranding = () => {
    const settings = { hallName: config.hallName['zh-CN'], hotline: config.receipt.hotline };
    const paper = PAPER[config.receipt.paper];
    branding ??= loadReceiptBranding({ ...settings, logo: config.receipt.logo }, paper).catch((error: unknown) => {
      log.error({ err: error, logo: config.receipt.logo }, 'receipt logo unusable; receipts print without it');
      return loadReceiptBranding(settings, paper);
    });
    return branding;
  };
  // The outbox: submitted cases and ratings, sealed, until the platform decides; delivered in the background.
  const dataKey = (dependencies.dataKeys ?? fileDataKeyStore(path.join(config.dataDir, 'keys', 'outbox.key'))).load();
  const outbox = new Outbox({ file: path.join(config.dataDir, 'outbox.sqlite'), seal: new PayloadSeal(dataKey), referencePrefix: `${config.terminalId}-` });
  const courier = new OutboxCourier({
    outbox,
    platform: platformAdapter,
    clock,
    onDecided: (entry, result) => log.info({ localReference: entry.localReference, kind: entry.kind, state: result.state, attempts: entry.attempts + 1 }, 'delivery decided'),
    onNoDecision: (entry, error) => {
      log.warn({ localReference: entry.localReference, kind: entry.kind, err: error }, 'delivery not decided; trying again later');
      if (error instanceof TerminalRefused && error.code === 'unknown-terminal') {
        enrolment.forget();
        void enrol();
      }
    },
  });
  // The document scanner for materials (a 高拍仪 camera or a SANE sheet scanner), when the terminal has one.
  const documentScanner = devices.documentScanner ?? undefined;
  const pageProcessor = documentScanner === undefined ? null : new PageProcessor();
  const documents =
    documentScanner === undefined || pageProcessor === null
      ? null
      : new DocumentCapture({ settings: documentSettingsOf(documentScanner), processor: pageProcessor, session, now: () => new Date(clock.now()) });
  const needDocuments = () => {
    if (documents === null) throw new ApiFailure('unavailable', 'this terminal has no document scanner');
    return documents;
  };
  let cameraInUse = false;

  const applications = new ApplicationService({
    session,
    catalogue: () => catalogue?.service ?? null,
    platform: platformAdapter,
    outbox,
    courier,
    printer,
    branding: () => receiptBranding(),
    trackingUrl: config.receipt.trackingUrl,
    hotline: config.receipt.hotline,
    clock,
    decisionWaitMs: config.platform.decisionWaitSeconds * 1000,
    scanning: documents !== null,
  });
  session.onEnd(() => (cameraInUse = false));

  const myCases = new MyCases({ platform: platformAdapter, outbox, session, printer, branding: receiptBranding, trackingUrl: config.receipt.trackingUrl });

  // QR/barcode scanners: serial and HID-POS read by the host; a keyboard wedge types into the page, which hands the code over.
  const scanners = devices.scanners;
  const wedge = devices.keyboardWedge;
  const receiptScan = new ReceiptScan({
    scanners,
    platform: platformAdapter,
    session,
    trackingUrl: config.receipt.trackingUrl,
    onFound: (found) => myCases.admit(found),
    onChange: (state) => events.emit('scan.state', state),
  });

  // The certificate lockers, when the config has them: built now, before the courier starts (see the capability).
  const lockers = createLockerCapability({
    config,
    log,
    clock,
    events,
    session,
    buses: devices.lockerBuses,
    dataKey,
    outbox,
    courier,
    platform: platformAdapter,
    printer,
    branding: receiptBranding,
    scanners,
    receiptScanWaiting: () => receiptScan.state.phase === 'waiting',
  });

  const openCatalogue = (settings: NonNullable<TerminalConfig['catalogue']>) => {
    const store = new CatalogueStore(path.join(config.dataDir, 'catalogue.sqlite'));
    const sync = new CatalogueSync({
      store,
      source: platformAdapter,
      publicKey: settings.platformKey,
      scope: { areaCode: settings.areaCode, townCode: settings.townCode, audiences: settings.audiences },
    });
    const service = new CatalogueService({
      store,
      sync,
      clock,
      syncIntervalMs: settings.syncIntervalMinutes * 60_000,
      onSynced: (outcome) => {
        if (outcome.kind === 'up-to-date') log.debug({ version: outcome.version }, 'catalogue up to date');
        else {
          const { kind, from, version, applied, rejected } = outcome;
          log.info({ kind, from, version, ...applied, rejectedLines: rejected.length, firstRejected: rejected.slice(0, 10) }, 'catalogue synced');
        }
      },
      onSyncFailed: (error) => log.warn({ err: error }, 'catalogue sync failed; the catalogue held is kept'),
    });
    return { store, service };
  };
  const needCatalogue = () => {
    if (catalogue === null) throw new ApiFailure('unavailable', 'this terminal has no service catalogue');
    return catalogue.service;
  };

  /** Home entries this build provides on this terminal; a configured entry not provided is hidden, never a stub. */
  const provided = new Set<HomeEntry>([
    ...(config.catalogue === undefined ? [] : (['find-service'] as const)),
    ...(identify === null ? [] : (['my-cases'] as const)),
    ...(scanners.length === 0 ? [] : (['scan-receipt'] as const)),
    ...(lockers === null || identify === null ? [] : (['locker-pickup', 'locker-drop-off'] as const)),
  ]);
  const homeEntries = config.home.entries.filter((entry) => provided.has(entry));
  const hiddenEntries = config.home.entries.filter((entry) => !provided.has(entry));

  const handlers: MethodHandlers = {
    'kiosk.hello': ({ apiVersion }) => {
      if (apiVersion !== API_VERSION) {
        throw new ApiFailure('version-mismatch', `page speaks contract v${apiVersion}, host speaks v${API_VERSION}`);
      }
      return {
        apiVersion: API_VERSION,
        terminal: { id: config.terminalId, hallName: config.hallName },
        defaultLocale: config.defaultLocale,
        locales: config.locales,
        homeEntries,
        capabilities: { identify: identify !== null, scan: scanners.length > 0, lockers: lockers !== null },
        session: session.state,
        platform: platform.status,
        identify: identify?.state ?? { phase: 'idle' },
        scan: receiptScan.state,
      };
    },
    'session.start': () => session.start(),
    'session.activity': () => session.recordActivity(),
    'session.extend': () => serviceCall(() => session.extend()),
    'session.end': () => session.end('citizen'),
    'session.setLocale': ({ locale }) => {
      if (!config.locales.includes(locale)) throw new ApiFailure('invalid-request', `locale ${locale} is not offered here`);
      return serviceCall(() => session.setLocale(locale));
    },
    'identify.start': () => {
      if (identify === null) throw new ApiFailure('unavailable', 'this terminal has no ID card reader');
      if (session.state.phase === 'attract') throw new ApiFailure('invalid-state', 'cannot identify: no citizen session is running');
      return identify.start();
    },
    'identify.cancel': () => identify?.cancel() ?? { phase: 'idle' },
    'cases.mine': async () => {
      try {
        return await myCases.list();
      } catch (error) {
        if (error instanceof NotIdentified) throw new ApiFailure('invalid-state', error.message);
        throw error;
      }
    },
    'cases.printProgress': async ({ caseNumber }) => {
      try {
        return await myCases.printProgress(caseNumber);
      } catch (error) {
        if (error instanceof NotIdentified) throw new ApiFailure('invalid-state', error.message);
        if (error instanceof NotYourCase) throw new ApiFailure('invalid-request', error.message);
        throw error;
      }
    },
    'scan.start': () => {
      if (scanners.length === 0) throw new ApiFailure('unavailable', 'this terminal has no scanner');
      if (session.state.phase === 'attract') throw new ApiFailure('invalid-state', 'cannot scan: no citizen session is running');
      return receiptScan.start();
    },
    'scan.cancel': () => receiptScan.cancel(),
    'scan.keyboardCode': ({ code }) => {
      if (wedge === null) throw new ApiFailure('unavailable', 'this terminal has no keyboard-wedge scanner');
      if (receiptScan.state.phase !== 'waiting') throw new ApiFailure('invalid-state', 'no scan is expected now');
      wedge.feed(code);
      return receiptScan.state;
    },
    'catalogue.status': () => catalogue?.service.status() ?? { loaded: false, version: null, guides: 0 },
    'catalogue.search': ({ query, audience, limit }) => ({ results: needCatalogue().search(query, audience, limit) }),
    'catalogue.browse': ({ audience }) => needCatalogue().browse(audience),
    'catalogue.list': ({ audience, by, name }) => ({ results: needCatalogue().list(audience, by, name) }),
    'catalogue.bundle': ({ bundleCode }) => needCatalogue().bundle(bundleCode),
    'catalogue.guide': ({ taskCode }) => ({ guide: needCatalogue().guide(taskCode) }),
    'application.start': (target) => serviceCall(() => applications.start(target)),
    'application.view': () => serviceCall(() => applications.view()),
    'application.fill': ({ values }) => serviceCall(() => applications.fill(values)),
    'application.provide': ({ materialId, way, signature }) => serviceCall(() => applications.provide(materialId, way, signature)),
    'application.submit': () => serviceCall(() => applications.submit()),
    'application.printReceipt': () => serviceCall(() => applications.printReceipt()),
    'application.rate': ({ level, reasons, comment }) => serviceCall(() => applications.rate(level, reasons, comment)),
    'application.cancel': () => applications.cancel(),
    'document.start': ({ materialId }) =>
      serviceCall(() => {
        const material = applications.scannableMaterial(materialId);
        const state = needDocuments().start(material.id, material.name);
        cameraInUse = state.source === 'camera';
        return state;
      }),
    'document.outline': ({ frame }) => serviceCall(() => needDocuments().outline(frame)),
    'document.capture': ({ frame }) => serviceCall(() => needDocuments().capture(frame)),
    'document.scan': () => serviceCall(() => needDocuments().scan()),
    'document.cancel': () => serviceCall(() => needDocuments().cancel()),
    'document.movePage': ({ pageId, to }) => serviceCall(() => needDocuments().movePage(pageId, to)),
    'document.removePage': ({ pageId }) => serviceCall(() => needDocuments().removePage(pageId)),
    'document.attach': () =>
      serviceCall(async () => {
        const view = await applications.view();
        const finished = await needDocuments().finish(view.title);
        if (!('pdf' in finished)) return { attached: false as const, document: finished };
        cameraInUse = false;
        return { attached: true as const, application: await applications.attachScan(finished.materialId, finished.pdf) };
      }),
    'document.discard': () => {
      documents?.discard();
      cameraInUse = false;
      return { discarded: true as const };
    },
    ...(lockers?.handlers ?? lockerMethodsUnavailable),
    'platform.status': () => platform.status,
  };
  const dispatcher = createApiDispatcher(handlers, log);

  return {
    config,
    get cameraInUse() {
      return cameraInUse;
    },
    dispatch: (raw) => dispatcher.dispatch(raw),
    endSession: () => void session.end('host'),
    subscribe: (listener) => events.subscribe(listener),
    async start() {
      if (hiddenEntries.length > 0) {
        log.warn({ hiddenEntries }, 'home entries configured but not provided by this build; hidden');
      }
      platform.start();
      // Registered before the first citizen's request needs it (when the platform answers; else when it is back).
      await enrol();
      const waiting = outbox.counts();
      log.info({ queued: waiting.queued + waiting.sending, needsAttention: waiting['needs-attention'] }, 'outbox opened');
      courier.start();
      if (config.catalogue !== undefined) {
        catalogue = openCatalogue(config.catalogue);
        catalogue.service.start();
        log.info(catalogue.service.status(), 'catalogue opened');
      }
      await reader?.start().catch((error: unknown) => log.error({ err: error }, 'ID card reader could not start'));
      await printer?.start().catch((error: unknown) => log.error({ err: error }, 'receipt printer could not start'));
      for (const scanner of scanners) {
        await scanner.start().catch((error: unknown) => log.error({ err: error, scanner: scanner.description }, 'scanner could not start'));
      }
      await lockers?.start();
      await receiptBranding();
      log.info({ terminalId: config.terminalId }, 'host started');
    },
    async stop() {
      stopped = true;
      if (enrolRetry !== null) clock.clearTimeout(enrolRetry);
      session.dispose();
      platform.stop();
      await courier.stop();
      await lockers?.stop();
      outbox.close();
      await pageProcessor?.close();
      catalogue?.service.stop();
      catalogue?.store.close();
      catalogue = null;
      await reader?.stop();
      await printer?.stop();
      for (const scanner of new Set(scanners)) await scanner.stop();
      log.info('host stopped');
    },
  };
};
