import { CatalogueService } from '../../catalogue/catalogue-service.ts';
import { catalogueFileIn, CatalogueStore } from '../../catalogue/catalogue-store.ts';
import { CatalogueSync } from '../../catalogue/catalogue-sync.ts';
import type { TerminalConfig } from '../../config/terminal-config.ts';
import { ApiFailure } from '../api-failure.ts';
import type { HostContext } from '../host-context.ts';
import { ready, unavailable, type Capability } from './capability.ts';

type CatalogueSettings = NonNullable<TerminalConfig['catalogue']>;

const openCatalogue = ({ config, log, clock, platform }: HostContext, settings: CatalogueSettings) => {
  const store = new CatalogueStore(catalogueFileIn(config.dataDir));
  const sync = new CatalogueSync({
    store,
    source: platform,
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
        const { kind, from, version, applied, rejected, warnings } = outcome;
        log.info({ kind, from, version, ...applied, rejectedLines: rejected.length, firstRejected: rejected.slice(0, 10), droppedValues: warnings }, 'catalogue synced');
      }
    },
    onSyncFailed: (error) => log.warn({ err: error }, 'catalogue sync failed; the catalogue held is kept'),
  });
  return { store, service };
};

/**
 * The service catalogue, when the config has one: opened at start (the data directory exists by then), synced with
 * the platform on its interval and whenever the platform is back.
 */
export const catalogueCapability = (context: HostContext) => {
  const settings = context.config.catalogue;
  let open: ReturnType<typeof openCatalogue> | null = null;
  const service = () => {
    if (open === null) throw new ApiFailure('unavailable', 'this terminal has no service catalogue');
    return open.service;
  };
  context.reachability.onChange((status) => {
    if (status.reachable) open?.service.platformBack();
  });
  return {
    name: 'catalogue',
    homeEntries: settings === undefined ? [] : (['find-service'] as const),
    /** The catalogue for the application service; null before start and on a terminal without one. */
    service: () => open?.service ?? null,
    health: () => {
      if (settings === undefined) return unavailable('no service catalogue configured');
      return open?.service.status().loaded === true ? ready : { state: 'degraded' as const, reason: 'no catalogue held yet' };
    },
    async start() {
      if (settings === undefined) return;
      open = openCatalogue(context, settings);
      open.service.start();
      context.log.info(open.service.status(), 'catalogue opened');
    },
    async stop() {
      open?.service.stop();
      open?.store.close();
      open = null;
    },
    handlers: {
      'catalogue.status': () => open?.service.status() ?? { loaded: false, version: null, guides: 0 },
      'catalogue.search': ({ query, audience, limit }) => service().search(query, audience, limit),
      'catalogue.browse': ({ audience }) => service().browse(audience),
      'catalogue.list': ({ audience, by, name }) => ({ results: service().list(audience, by, name) }),
      'catalogue.bundle': ({ bundleCode }) => service().bundle(bundleCode),
      'catalogue.guide': ({ taskCode }) => ({ guide: service().guide(taskCode) }),
    },
  } satisfies Capability<'catalogue.status' | 'catalogue.search' | 'catalogue.browse' | 'catalogue.list' | 'catalogue.bundle' | 'catalogue.guide'> & Record<string, unknown>;
};
