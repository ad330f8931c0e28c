import { ApplicationService } from '../../cases/application-service.ts';
import { MyCases } from '../../cases/my-cases.ts';
import type { HostContext } from '../host-context.ts';
import { ready, type Capability } from './capability.ts';
import type { catalogueCapability } from './catalogue-capability.ts';

/**
 * Applying (one item or a 一件事 bundle: form, materials, commitment, submit into the outbox, receipt, rating) and the
 * identified citizen's own cases ("my cases", with the progress slip).
 */
export const casesCapability = (context: HostContext, catalogue: ReturnType<typeof catalogueCapability>) => {
  const { config, clock, session, platform, outbox, courier, devices, branding } = context;
  const printer = devices.receiptPrinter;
  const { trackingUrl, hotline } = config.receipt;
  const applications = new ApplicationService({
    session,
    catalogue: catalogue.service,
    platform,
    outbox,
    courier,
    printer,
    branding,
    trackingUrl,
    hotline,
    clock,
    decisionWaitMs: config.platform.decisionWaitSeconds * 1000,
    scanning: devices.documentScanner !== null,
  });
  const myCases = new MyCases({ platform, outbox, session, printer, branding, trackingUrl });
  return {
    name: 'cases',
    applications,
    myCases,
    // My cases are found by the citizen's ID card.
    homeEntries: devices.idCardReader === null ? [] : (['my-cases'] as const),
    health: () => {
      const waiting = outbox.counts();
      return waiting['needs-attention'] > 0 ? { state: 'degraded' as const, reason: `${waiting['needs-attention']} deliveries need attention` } : ready;
    },
    handlers: {
      'application.start': (target) => applications.start(target),
      'application.view': () => applications.view(),
      'application.fill': ({ values }) => applications.fill(values),
      'application.provide': ({ materialId, way, signature }) => applications.provide(materialId, way, signature),
      'application.submit': () => applications.submit(),
      'application.printReceipt': () => applications.printReceipt(),
      'application.rate': ({ level, reasons, comment }) => applications.rate(level, reasons, comment),
      'application.cancel': () => applications.cancel(),
      'cases.mine': () => myCases.list(),
      'cases.printProgress': ({ caseNumber }) => myCases.printProgress(caseNumber),
    },
  } satisfies Capability<
    | 'application.start'
    | 'application.view'
    | 'application.fill'
    | 'application.provide'
    | 'application.submit'
    | 'application.printReceipt'
    | 'application.rate'
    | 'application.cancel'
    | 'cases.mine'
    | 'cases.printProgress'
  > &
    Record<string, unknown>;
};
