import type { Logger } from 'pino';
import type { AuditTrail } from '../../audit/audit-log.ts';
import { configFingerprint } from '../../audit/config-record.ts';
import { overlayHash, overlayShapeProblems, removeStoredOverlay, storeOverlay, withOverlay } from '../../config/config-overlay.ts';
import { checkTerminalConfig, type OverlayUse } from '../../config/terminal-config-file.ts';
import type { TerminalConfig } from '../../config/terminal-config.ts';
import type { OverlayOutcome } from '../../fleet/fleet-terminal.ts';

export interface ConfigOverlayKeeperOptions {
  /** The config as its file says, without any overlay (paths already resolved). */
  base: TerminalConfig;
  /** The config the host runs on now (the base, or the base with the overlay the host started with). */
  running: TerminalConfig;
  /** What came of the stored overlay at start; undefined when there was none. */
  startedWith: OverlayUse | undefined;
  /** Where relative paths in an overlay are taken from (the config file's folder). */
  baseDir: string;
  audit: AuditTrail;
  log: Logger;
  /** The kept overlay takes effect with a restart at the terminal's next idle moment. */
  restartWhenIdle: (reason: string) => void;
}

type JsonObject = Record<string, unknown>;

/**
 * The fleet operator's config overlay (the shared attribute `config`; main/config/config-overlay.ts), taken or
 * refused: merged over the terminal's own config and checked as a whole against the schema; a valid one is kept in the
 * data directory, recorded in the audit log as the operator's, and applied by a restart at the next idle moment; an
 * invalid one is refused with its problems and the running config kept. The overlay already running is taken again
 * without a restart (ThingsBoard sends the shared attributes at every connect); `null` or `{}` takes the overlay away.
 */
export const configOverlayKeeper = (options: ConfigOverlayKeeperOptions) => {
  const { base, running, baseDir, audit, log } = options;
  let current: string | null = options.startedWith?.applied === true ? options.startedWith.hash : null;
  return (overlay: unknown): OverlayOutcome => {
    const removal = overlay === null || (typeof overlay === 'object' && !Array.isArray(overlay) && Object.keys(overlay).length === 0);
    if (removal) {
      if (current === null) return { applied: true, configHash: configFingerprint(running) };
      removeStoredOverlay(base.dataDir);
      audit.append({ kind: 'remote-command', actor: 'operator', subject: 'config overlay', reason: `removed (was ${current}): the config file alone from the next idle restart` });
      log.warn({ was: current }, "the fleet's config overlay was taken away: the terminal restarts on its own config at the next idle moment");
      current = null;
      options.restartWhenIdle("the fleet's config overlay was taken away");
      return { applied: true, configHash: configFingerprint(base) };
    }
    const shape = overlayShapeProblems(overlay);
    if (shape.length > 0) return { applied: false, problems: shape };
    const hash = overlayHash(overlay as JsonObject);
    if (hash === current) return { applied: true, configHash: configFingerprint(running) };
    const reading = checkTerminalConfig(withOverlay(base as unknown as JsonObject, overlay as JsonObject), baseDir);
    if (!reading.ok) {
      const problems = reading.problems.map((problem) => `${problem.path}: ${problem.message}`);
      log.warn({ problems }, "the fleet's config overlay was refused; the running config is kept");
      return { applied: false, problems };
    }
    audit.append({ kind: 'remote-command', actor: 'operator', subject: 'config overlay', reason: `${hash}: applied at the next idle restart` });
    storeOverlay(base.dataDir, overlay as JsonObject);
    current = hash;
    log.warn({ overlay: hash }, "the fleet's config overlay was kept: the terminal restarts on it at the next idle moment");
    options.restartWhenIdle("the fleet's config overlay");
    return { applied: true, configHash: configFingerprint(reading.config) };
  };
};
