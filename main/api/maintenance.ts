import { z } from 'zod';
import { catalogueStatusSchema } from './catalogue.ts';

/**
 * Staff maintenance mode as its screen sees it (docs/maintenance.md): the terminal's devices with their health and
 * last error, the outbox, the catalogue, whether the terminal is out of service; and what staff may do from there.
 * Every maintenance method needs a signed-in staff member (invalid-state otherwise, and within a citizen session).
 * Times are ISO 8601 strings.
 */

export const deviceHealthStateSchema = z.enum(['ready', 'degraded', 'offline', 'error']);

/** One configured device: its kind as the config names it, how it is doing, and the last trouble it had. */
export const maintenanceDeviceSchema = z
  .object({
    device: z.string(),
    kind: z.enum(['idcard-reader', 'receipt-printer', 'qr-scanner', 'locker-bus', 'document-scanner']),
    state: deviceHealthStateSchema,
    /** Why it is not ready, now (null when ready). */
    reason: z.string().nullable(),
    lastSeen: z.string().nullable(),
    /** The last time it was not ready since the kiosk started, and why (null: never). */
    lastError: z.object({ reason: z.string(), at: z.string() }).strict().nullable(),
  })
  .strict();
export type MaintenanceDevice = z.infer<typeof maintenanceDeviceSchema>;

/** What the outbox holds: entries by state, and since when the oldest one still waiting has waited. */
export const outboxStateSchema = z
  .object({
    queued: z.number().int().nonnegative(),
    sending: z.number().int().nonnegative(),
    needsAttention: z.number().int().nonnegative(),
    rejected: z.number().int().nonnegative(),
    accepted: z.number().int().nonnegative(),
    /** When the oldest entry still waiting for the platform (queued or sending) was committed; null: none waits. */
    oldestWaiting: z.string().nullable(),
  })
  .strict();
export type OutboxState = z.infer<typeof outboxStateSchema>;

export const maintenanceOverviewSchema = z
  .object({
    devices: z.array(maintenanceDeviceSchema),
    outbox: outboxStateSchema,
    /** null on a terminal without a service catalogue. */
    catalogue: catalogueStatusSchema.nullable(),
    outOfService: z.boolean(),
  })
  .strict();
export type MaintenanceOverview = z.infer<typeof maintenanceOverviewSchema>;

export const testPrintSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('printed') }).strict(),
  /** The printer cannot print now, or stopped half way (the page then comes out when it has recovered). */
  z.object({ status: z.literal('not-printed'), problem: z.enum(['offline', 'paper-out', 'cover-open', 'cutter-error']) }).strict(),
]);
export type TestPrint = z.infer<typeof testPrintSchema>;

export const catalogueReloadSchema = z.discriminatedUnion('status', [
  /** Synced with the platform: a newer version applied, or the version held is the platform's. */
  z.object({ status: z.enum(['updated', 'up-to-date']), catalogue: catalogueStatusSchema }).strict(),
  /** The sync failed (platform away, bad signature …); the catalogue held is kept. */
  z.object({ status: z.literal('failed'), problem: z.string(), catalogue: catalogueStatusSchema }).strict(),
]);
export type CatalogueReload = z.infer<typeof catalogueReloadSchema>;
