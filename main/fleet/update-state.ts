import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileDurably } from '../storage/durable-file.ts';
import { releaseVersionSchema, updateManifestSchema } from './update-manifest.ts';

/**
 * Where a staged update stands, as kept in `<dataDir>/update-state.json` (written durably, so the restart an install
 * causes, or a power cut, finds it whole): the phase with what it needs to go on, and the offers that failed here.
 * The transitions are in staged-update.ts; docs/fleet-updates.md draws them.
 */

const offerSchema = z.object({ manifest: z.string(), signature: z.string(), update: updateManifestSchema }).strict();
const version = releaseVersionSchema;

export const updatePhaseSchema = z.discriminatedUnion('state', [
  /** Nothing under way (or the last update's outcome already reported and settled). */
  z.object({ state: z.literal('idle') }).strict(),
  /** Fetching the package; `attempt` counts from 1. */
  z.object({ state: z.literal('downloading'), offer: offerSchema, attempt: z.number().int().min(1) }).strict(),
  /** The last attempt failed; the next one is due at `retryAt` (ms since the epoch). */
  z.object({ state: z.literal('download-failed'), offer: offerSchema, attempt: z.number().int().min(1), error: z.string(), retryAt: z.number() }).strict(),
  /** Checking the downloaded file: its size, SM3, and the manifest's signature again. */
  z.object({ state: z.literal('verifying'), offer: offerSchema, file: z.string() }).strict(),
  /** Refused: never installed. `offer` is null when not even the signature held. */
  z.object({ state: z.literal('verification-failed'), offer: offerSchema.nullable(), error: z.string() }).strict(),
  /**
   * Verified (`file`; null for an apt offer, which apt fetches when installing), waiting until no one is using the
   * terminal and it has been idle long enough.
   */
  z.object({ state: z.literal('waiting-for-idle'), offer: offerSchema, file: z.string().nullable() }).strict(),
  /** The installer was asked; `previousVersion` is what ran before. */
  z.object({ state: z.literal('installing'), offer: offerSchema, file: z.string().nullable(), previousVersion: version }).strict(),
  /** The installer refused; the terminal stays on `previousVersion`. */
  z.object({ state: z.literal('install-failed'), offer: offerSchema, previousVersion: version, error: z.string() }).strict(),
  /**
   * Installed; the new version must confirm it is healthy. `starts`: how often it has started without confirming
   * (0 until the restart after the install); `deadline`: set at its first start.
   */
  z
    .object({ state: z.literal('health-check'), offer: offerSchema, previousVersion: version, starts: z.number().int().min(0), deadline: z.number().nullable() })
    .strict(),
  /** The new version confirmed it is healthy. */
  z.object({ state: z.literal('confirmed'), offer: offerSchema, previousVersion: version }).strict(),
  /** The new version failed its health check (`error` says how); the installer is putting `previousVersion` back. */
  z.object({ state: z.literal('rolling-back'), offer: offerSchema, previousVersion: version, error: z.string(), attempts: z.number().int().min(1) }).strict(),
  /** `previousVersion` is back (from the next start); `error` says why the update was rolled back. */
  z.object({ state: z.literal('rolled-back'), offer: offerSchema, previousVersion: version, error: z.string() }).strict(),
  /** The rollback itself failed: someone must look at this terminal. */
  z.object({ state: z.literal('rollback-failed'), offer: offerSchema, previousVersion: version, error: z.string() }).strict(),
]);
export type UpdatePhase = z.infer<typeof updatePhaseSchema>;
export type UpdateStateName = UpdatePhase['state'];

export const updateStateFileSchema = z
  .object({
    phase: updatePhaseSchema,
    /**
     * Signatures of offers that ended here in a refusal, a failed install or a rollback: the same offer is not tried
     * again (the operator signs the manifest again to retry it). The latest few only.
     */
    refused: z.array(z.string()).max(50),
  })
  .strict();
export type UpdateStateFile = z.infer<typeof updateStateFileSchema>;

export const REFUSED_KEPT = 20;

export type UpdateStateReading = { ok: true; state: UpdateStateFile } | { ok: false; problem: string };

/** The state as kept, or the idle state when there is no file yet; a file that cannot be read says why. */
export const readUpdateState = (file: string): UpdateStateReading => {
  if (!existsSync(file)) return { ok: true, state: { phase: { state: 'idle' }, refused: [] } };
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { ok: false, problem: `${file} is not JSON: ${(error as Error).message}` };
  }
  const parsed = updateStateFileSchema.safeParse(value);
  if (!parsed.success) return { ok: false, problem: `${file} is not an update state: ${parsed.error.issues.map((issue) => issue.message).join('; ')}` };
  return { ok: true, state: parsed.data };
};

export const writeUpdateState = (file: string, state: UpdateStateFile): void => writeFileDurably(file, `${JSON.stringify(state, null, 2)}\n`);
