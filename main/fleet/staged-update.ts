import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Clock, TimerHandle } from '../common/clock.ts';
import type { Installer } from './installer.ts';
import { downloadPackage, sm3OfFile } from './package-download.ts';
import { compareVersions, isInShare, isStillSigned, readUpdateAttribute, type PackageFileManifest, type SignedUpdate } from './update-manifest.ts';
import { readUpdateState, REFUSED_KEPT, writeUpdateState, type UpdatePhase, type UpdateStateFile, type UpdateStateName } from './update-state.ts';

/**
 * Staged updates on the terminal (docs/fleet-updates.md): the operator's `update` shared attribute offers a signed
 * package to a share of the fleet; this terminal, when in the share and the version is newer than the one it runs,
 * downloads it, verifies it, installs it at an idle moment, has the host restart into it, and rolls it back when the
 * new version does not confirm its health in time. Every step is kept in the state file first, so the restart the
 * install causes (or a power cut) resumes where it was.
 *
 *   idle → downloading → verifying → waiting-for-idle → installing → (restart) health-check → confirmed
 *             ↓    ↑         ↓                              ↓                       ↓
 *   download-failed    verification-failed           install-failed        rolling-back → rolled-back
 *   (retried, backoff)  (never installed)            (old version stays)         ↓
 *                                                                          rollback-failed
 *
 * Health: the new version is healthy only when the host says so (`confirmHealthy()`, once it has started and its
 * devices and platform checks pass); nothing is assumed from time alone. Not confirmed within `healthCheckSeconds`
 * of its first start, or started a second time without confirming (it crashed, or the watchdog killed it), it is
 * rolled back.
 */

/** What the fleet link publishes as client attributes. */
export interface UpdateStatus {
  updateState: UpdateStateName;
  /** The version the current (or last) update is about; null when there is none, or its offer was not even signed. */
  updateVersion: string | null;
  /** Why the last step failed, or what was wrong with the last attribute; null when nothing is wrong. */
  updateError: string | null;
  runningVersion: string;
  /** The version before the update (what a rollback goes back to); null before an install. */
  previousVersion: string | null;
}

/** What became of an `update` attribute. */
export type OfferOutcome =
  /** Being acted on: the download has begun. */
  | 'accepted'
  /** The offer already under way (only its share may have changed). */
  | 'unchanged'
  /** Not the attribute's shape: reported in `updateError`, nothing else changed. */
  | 'malformed'
  /** Not signed by the release key, or not a manifest this terminal can take: reported as verification-failed. */
  | 'refused'
  /** This offer failed here before: not tried again (sign it again to retry). */
  | 'already-refused'
  /** A package for another installer (an AppImage offered to a Debian terminal): reported, nothing else changed. */
  | 'not-for-this-terminal'
  | 'not-newer'
  | 'not-in-share'
  /** No offer (the attribute was deleted): a download or wait not yet installed is stopped. */
  | 'withdrawn'
  /** An update is being installed, checked or rolled back: the offer is taken up once that is over. */
  | 'deferred';

/** Why the host should restart now: into the installed version, or back into the previous one. */
export type UpdateRestartReason = 'installed' | 'rolled-back';

export interface StagedUpdateOptions {
  terminalId: string;
  /** The release key's SM2 public key (config `fleet.updates.publicKey`). */
  publicKey: string;
  installer: Installer;
  /** `<dataDir>/update-state.json`. */
  stateFile: string;
  /** Where packages are downloaded (config `fleet.updates.downloadDir`, default `<dataDir>/updates`). */
  downloadDir: string;
  clock: Clock;
  /** A citizen (or staff member) is using the terminal: nothing is installed or rolled back meanwhile. */
  inUse: () => boolean;
  /** Seconds since the last session ended (Infinity when there was none since the host started). */
  secondsSinceLastSession: () => number;
  /** A package is installed only after this long without a session (config `fleet.updates.idleSeconds`). */
  idleSeconds: number;
  /** How long the new version has, from its first start, to confirm it is healthy. */
  healthCheckSeconds: number;
  /**
   * The host must restart now (exit for systemd to start it again; the Electron shell relaunches): after an install,
   * or after a rollback. The host puts the terminal out of service while `installing` is reported.
   */
  restart: (reason: UpdateRestartReason) => void;
  /** Every transition (and a malformed attribute), for the fleet link to publish. */
  onStatus: (status: UpdateStatus) => void;
  /** One download's time limit; default 30 minutes. */
  downloadTimeoutMs?: number;
  /** A manifest announcing a bigger package is refused; default 1 GiB. */
  maxPackageBytes?: number;
  /** A failed download is tried again after the first delay, doubled each time up to the last; default 1 min to 1 h. */
  retry?: { firstDelayMs: number; maxDelayMs: number };
  /** While waiting for an idle moment, how often to look; default 15 s. */
  idleCheckMs?: number;
  fetch?: typeof globalThis.fetch;
}

type Phase<S extends UpdateStateName> = Extract<UpdatePhase, { state: S }>;
type PreInstallPhase = Phase<'downloading' | 'download-failed' | 'verifying' | 'waiting-for-idle'>;

const PRE_INSTALL = new Set<UpdateStateName>(['downloading', 'download-failed', 'verifying', 'waiting-for-idle']);
/** While one of these holds, a new offer waits. */
const BUSY = new Set<UpdateStateName>(['installing', 'health-check', 'rolling-back']);
/** A rollback is tried at most this often (a start in `rolling-back` means the last try was cut short). */
const ROLLBACK_ATTEMPTS = 3;

const isPreInstall = (phase: UpdatePhase): phase is PreInstallPhase => PRE_INSTALL.has(phase.state);
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export class StagedUpdate {
  readonly #options: StagedUpdateOptions;
  readonly #downloadTimeoutMs: number;
  readonly #maxPackageBytes: number;
  readonly #retry: { firstDelayMs: number; maxDelayMs: number };
  readonly #idleCheckMs: number;
  #state: UpdateStateFile = { phase: { state: 'idle' }, refused: [] };
  /** Bumped whenever the work under way is given up: work that finds it changed stops and cleans up. */
  #epoch = 0;
  #timer: TimerHandle | null = null;
  #download: AbortController | null = null;
  readonly #inFlight = new Set<Promise<void>>();
  /** An offer that came while an update was busy, taken up after. */
  #pending: { value: unknown } | null = null;
  /** Said in `updateError` until the next transition: a malformed attribute, an unreadable state file. */
  #notice: string | null = null;
  #started = false;
  #stopped = false;

  constructor(options: StagedUpdateOptions) {
    this.#options = options;
    this.#downloadTimeoutMs = options.downloadTimeoutMs ?? 30 * 60_000;
    this.#maxPackageBytes = options.maxPackageBytes ?? 1024 * 1024 * 1024;
    this.#retry = options.retry ?? { firstDelayMs: 60_000, maxDelayMs: 60 * 60_000 };
    this.#idleCheckMs = options.idleCheckMs ?? 15_000;
  }

  /** Reads the state file and goes on from it: resolves a restart (into the new version, or mid-install), re-arms timers. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    const reading = readUpdateState(this.#options.stateFile);
    let transitioned = false;
    if (reading.ok) {
      this.#state = reading.state;
      transitioned = this.#resume();
    } else {
      writeUpdateState(this.#options.stateFile, this.#state);
      this.#notice = `the update state was unreadable and was started afresh: ${reading.problem}`;
    }
    if (!transitioned) this.#emit();
    this.#takeUpPending();
  }

  /** The `update` shared attribute's value (null or undefined: the attribute was deleted). */
  offer(value: unknown): OfferOutcome {
    if (!this.#started || this.#stopped || BUSY.has(this.#state.phase.state)) {
      // Not before the state is read, and not while an update is being installed, checked or rolled back.
      if (value === null || value === undefined) {
        this.#pending = null;
        return 'withdrawn';
      }
      this.#pending = { value };
      return 'deferred';
    }
    this.#pending = null;
    if (value === null || value === undefined) {
      this.#notice = null;
      this.#giveUpPreInstall();
      return 'withdrawn';
    }
    const reading = readUpdateAttribute(value, this.#options.publicKey);
    if (reading.kind === 'malformed') {
      this.#notice = reading.problem;
      this.#emit();
      return 'malformed';
    }
    this.#notice = null;
    if (reading.kind === 'refused') return this.#refuseOffer(reading.signature, null, reading.problem);
    const { offer, share } = reading;
    const { installer } = this.#options;
    if (offer.update.format !== installer.packageFormat) {
      this.#notice = `the offered package is ${offer.update.format}; this terminal installs ${installer.packageFormat}`;
      this.#emit();
      return 'not-for-this-terminal';
    }
    const current = this.#state.phase;
    const sameAsCurrent = isPreInstall(current) && current.offer.signature === offer.signature;
    if (compareVersions(offer.update.version, installer.runningVersion()) <= 0) return this.#notTaking('not-newer');
    if (this.#state.refused.includes(offer.signature)) return this.#notTaking('already-refused');
    if (!isInShare(this.#options.terminalId, offer.update.version, share)) return this.#notTaking('not-in-share');
    if (sameAsCurrent) return 'unchanged';
    if (offer.update.format !== 'apt' && offer.update.size > this.#maxPackageBytes) {
      return this.#refuseOffer(offer.signature, offer, `too-large: the package is ${offer.update.size} bytes, this terminal takes at most ${this.#maxPackageBytes}`);
    }
    this.#giveUpPreInstall({ quietly: true });
    this.#beginDownload(offer, 1);
    return 'accepted';
  }

  /**
   * The host has started in the new version and its devices and platform checks pass. Counts only in the new
   * version after its restart (the process that installed it still runs the old code); returns whether it counted.
   */
  confirmHealthy(): boolean {
    const phase = this.#state.phase;
    if (phase.state !== 'health-check' || phase.starts < 1 || this.#options.installer.runningVersion() !== phase.offer.update.version) return false;
    this.#clearTimer();
    this.#set({ state: 'confirmed', offer: phase.offer, previousVersion: phase.previousVersion });
    this.#takeUpPending();
    return true;
  }

  status(): UpdateStatus {
    const phase = this.#state.phase;
    const offer = 'offer' in phase ? phase.offer : null;
    return {
      updateState: phase.state,
      updateVersion: offer === null ? null : offer.update.version,
      updateError: this.#notice ?? ('error' in phase ? phase.error : null),
      runningVersion: this.#options.installer.runningVersion(),
      previousVersion: 'previousVersion' in phase ? phase.previousVersion : null,
    };
  }

  /** Resolves once no download, check, install or rollback is in flight (timers may still be armed). */
  async whenQuiet(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  /** Stops timers and a download (resumed at the next start) and waits for work in flight. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#clearTimer();
    this.#download?.abort();
    await this.whenQuiet();
  }

  // The restart: whatever phase was kept, go on from it. Returns whether it moved to another phase (and so reported).
  #resume(): boolean {
    const phase = this.#state.phase;
    const running = this.#options.installer.runningVersion();
    switch (phase.state) {
      case 'downloading':
      case 'verifying':
        this.#beginDownload(phase.offer, phase.state === 'downloading' ? phase.attempt : 1);
        return true;
      case 'download-failed':
        this.#timer = this.#options.clock.setTimeout(() => this.#beginDownload(phase.offer, phase.attempt + 1), Math.max(0, phase.retryAt - this.#options.clock.now()));
        return false;
      case 'waiting-for-idle':
        if (phase.file !== null && !existsSync(phase.file)) {
          this.#beginDownload(phase.offer, 1);
          return true;
        }
        this.#considerInstalling();
        return false;
      case 'installing':
        // The install was cut short by a restart, perhaps its own: which version came up says how it went.
        if (running === phase.offer.update.version) {
          this.#firstStartIntoNewVersion(phase.offer, phase.previousVersion);
        } else {
          this.#refuse(phase.offer.signature);
          this.#set({ state: 'install-failed', offer: phase.offer, previousVersion: phase.previousVersion, error: `the install was interrupted: ${running} is running, not ${phase.offer.update.version}` });
        }
        return true;
      case 'health-check': {
        const version = phase.offer.update.version;
        if (running !== version) {
          this.#refuse(phase.offer.signature);
          this.#set({ state: 'install-failed', offer: phase.offer, previousVersion: phase.previousVersion, error: `${version} was installed but ${running} started` });
          return true;
        }
        if (phase.starts === 0) {
          this.#firstStartIntoNewVersion(phase.offer, phase.previousVersion);
          return true;
        }
        // Started again before it confirmed: it crashed, or the watchdog stopped it.
        this.#beginRollback(phase.offer, phase.previousVersion, `${version} started ${phase.starts + 1} times without confirming it is healthy`, 1);
        return true;
      }
      case 'rolling-back':
        if (running === phase.previousVersion) {
          this.#set({ state: 'rolled-back', offer: phase.offer, previousVersion: phase.previousVersion, error: phase.error });
          return true;
        }
        if (phase.attempts >= ROLLBACK_ATTEMPTS) {
          this.#set({ state: 'rollback-failed', offer: phase.offer, previousVersion: phase.previousVersion, error: `the rollback to ${phase.previousVersion} did not complete in ${phase.attempts} attempts (${phase.error})` });
          return true;
        }
        this.#beginRollback(phase.offer, phase.previousVersion, phase.error, phase.attempts + 1);
        return true;
      case 'idle':
      case 'verification-failed':
      case 'install-failed':
      case 'confirmed':
      case 'rolled-back':
      case 'rollback-failed':
        return false;
    }
  }

  #firstStartIntoNewVersion(offer: SignedUpdate, previousVersion: string): void {
    const deadline = this.#options.clock.now() + this.#options.healthCheckSeconds * 1000;
    this.#set({ state: 'health-check', offer, previousVersion, starts: 1, deadline });
    this.#timer = this.#options.clock.setTimeout(() => {
      this.#timer = null;
      const phase = this.#state.phase;
      if (phase.state !== 'health-check') return;
      this.#beginRollback(phase.offer, phase.previousVersion, `${phase.offer.update.version} did not confirm it is healthy within ${this.#options.healthCheckSeconds} s`, 1);
    }, deadline - this.#options.clock.now());
  }

  #beginDownload(offer: SignedUpdate, attempt: number): void {
    this.#clearTimer();
    const epoch = ++this.#epoch;
    if (offer.update.format === 'apt') {
      // Nothing to fetch: apt fetches the version from the operator's repository, and checks it, when installing.
      this.#set({ state: 'waiting-for-idle', offer, file: null });
      this.#considerInstalling();
      return;
    }
    this.#set({ state: 'downloading', offer, attempt });
    this.#track(this.#downloadAndVerify(offer, offer.update, attempt, epoch));
  }

  async #downloadAndVerify(offer: SignedUpdate, update: PackageFileManifest, attempt: number, epoch: number): Promise<void> {
    const part = path.join(this.#options.downloadDir, `package-${update.version}.${update.format}.part`);
    const file = path.join(this.#options.downloadDir, `package-${update.version}.${update.format}`);
    const controller = new AbortController();
    this.#download = controller;
    const givenUp = async () => {
      if (epoch === this.#epoch && !this.#stopped) return false;
      await rm(part, { force: true });
      if (epoch !== this.#epoch) await rm(file, { force: true });
      return true;
    };
    let bytes: number;
    try {
      bytes = await downloadPackage({ url: update.url, into: part, expectedSize: update.size, timeoutMs: this.#downloadTimeoutMs, signal: controller.signal, ...(this.#options.fetch === undefined ? {} : { fetch: this.#options.fetch }) });
    } catch (error) {
      if (await givenUp()) return;
      const delay = Math.min(this.#retry.firstDelayMs * 2 ** (attempt - 1), this.#retry.maxDelayMs);
      this.#set({ state: 'download-failed', offer, attempt, error: messageOf(error), retryAt: this.#options.clock.now() + delay });
      this.#timer = this.#options.clock.setTimeout(() => this.#beginDownload(offer, attempt + 1), delay);
      return;
    } finally {
      if (this.#download === controller) this.#download = null;
    }
    if (await givenUp()) return;
    this.#set({ state: 'verifying', offer, file: part });
    const problem = await this.#verificationProblem(offer, update, part, bytes);
    if (await givenUp()) return;
    if (problem !== null) {
      await rm(part, { force: true });
      if (await givenUp()) return;
      this.#refuse(offer.signature);
      this.#set({ state: 'verification-failed', offer, error: problem });
      return;
    }
    await rename(part, file);
    if (await givenUp()) return;
    this.#set({ state: 'waiting-for-idle', offer, file });
    this.#considerInstalling();
  }

  async #verificationProblem(offer: SignedUpdate, update: PackageFileManifest, file: string, bytes: number): Promise<string | null> {
    const { size, sm3 } = update;
    if (bytes !== size) return `size-mismatch: the download is ${bytes > size ? `more than ${size}` : bytes} bytes, the manifest says ${size}`;
    const digest = await sm3OfFile(file);
    if (digest !== sm3) return `digest-mismatch: the package's SM3 is ${digest}, the manifest says ${sm3}`;
    if (!isStillSigned(offer, this.#options.publicKey)) return "bad-signature: the manifest is not signed by the release key in this terminal's config";
    return null;
  }

  #considerInstalling(): void {
    this.#clearTimer();
    const phase = this.#state.phase;
    if (phase.state !== 'waiting-for-idle' || this.#stopped) return;
    const { inUse, secondsSinceLastSession, idleSeconds, clock } = this.#options;
    if (inUse() || secondsSinceLastSession() < idleSeconds) {
      this.#timer = clock.setTimeout(() => this.#considerInstalling(), this.#idleCheckMs);
      return;
    }
    this.#track(this.#install(phase.offer, phase.file));
  }

  async #install(offer: SignedUpdate, file: string | null): Promise<void> {
    const { installer } = this.#options;
    const previousVersion = installer.runningVersion();
    this.#epoch++;
    this.#set({ state: 'installing', offer, file, previousVersion });
    try {
      await installer.install(file, offer.update.version);
    } catch (error) {
      if (file !== null) await rm(file, { force: true });
      this.#refuse(offer.signature);
      this.#set({ state: 'install-failed', offer, previousVersion, error: messageOf(error) });
      this.#takeUpPending();
      return;
    }
    this.#set({ state: 'health-check', offer, previousVersion, starts: 0, deadline: null });
    this.#options.restart('installed');
  }

  #beginRollback(offer: SignedUpdate, previousVersion: string, why: string, attempts: number): void {
    this.#clearTimer();
    this.#refuse(offer.signature);
    this.#set({ state: 'rolling-back', offer, previousVersion, error: why, attempts });
    this.#rollBackWhenFree();
  }

  /** A rollback restarts the host: not in the middle of a citizen's session (a broken version may still serve one). */
  #rollBackWhenFree(): void {
    this.#clearTimer();
    const phase = this.#state.phase;
    if (phase.state !== 'rolling-back' || this.#stopped) return;
    if (this.#options.inUse()) {
      this.#timer = this.#options.clock.setTimeout(() => this.#rollBackWhenFree(), this.#idleCheckMs);
      return;
    }
    this.#track(this.#rollBack(phase));
  }

  async #rollBack(phase: Phase<'rolling-back'>): Promise<void> {
    try {
      await this.#options.installer.rollback(phase.previousVersion);
    } catch (error) {
      this.#set({ state: 'rollback-failed', offer: phase.offer, previousVersion: phase.previousVersion, error: `${phase.error}; the rollback failed: ${messageOf(error)}` });
      return;
    }
    this.#set({ state: 'rolled-back', offer: phase.offer, previousVersion: phase.previousVersion, error: phase.error });
    this.#options.restart('rolled-back');
  }

  /** An offer this terminal will not take: a download or wait for another one is given up. */
  #notTaking(outcome: OfferOutcome): OfferOutcome {
    this.#giveUpPreInstall();
    return outcome;
  }

  #refuseOffer(signature: string, offer: SignedUpdate | null, problem: string): OfferOutcome {
    if (this.#state.refused.includes(signature)) return this.#notTaking('already-refused');
    this.#giveUpPreInstall({ quietly: true });
    this.#refuse(signature);
    this.#set({ state: 'verification-failed', offer, error: problem });
    return 'refused';
  }

  /** Stops a download, check or wait not yet installed, and removes its files; idle again (reported unless quietly). */
  #giveUpPreInstall(options: { quietly?: boolean } = {}): void {
    const phase = this.#state.phase;
    if (!isPreInstall(phase)) return;
    this.#epoch++;
    this.#clearTimer();
    this.#download?.abort();
    // Files of a phase with work in flight are removed by that work when it sees the epoch changed.
    if (phase.state === 'waiting-for-idle' && phase.file !== null) this.#track(rm(phase.file, { force: true }));
    if (options.quietly === true) this.#state = { ...this.#state, phase: { state: 'idle' } };
    else this.#set({ state: 'idle' });
  }

  #takeUpPending(): void {
    const pending = this.#pending;
    if (pending === null) return;
    this.#pending = null;
    this.offer(pending.value);
  }

  #refuse(signature: string): void {
    const refused = [...this.#state.refused.filter((kept) => kept !== signature), signature].slice(-REFUSED_KEPT);
    this.#state = { ...this.#state, refused };
  }

  /** Every transition: kept on disk first (durably), then reported. */
  #set(phase: UpdatePhase): void {
    this.#state = { ...this.#state, phase };
    writeUpdateState(this.#options.stateFile, this.#state);
    this.#notice = null;
    this.#emit();
  }

  #emit(): void {
    try {
      this.#options.onStatus(this.status());
    } catch {
      // A listener's failure is the listener's: the update goes on.
    }
  }

  #clearTimer(): void {
    if (this.#timer === null) return;
    this.#options.clock.clearTimeout(this.#timer);
    this.#timer = null;
  }

  #track(work: Promise<unknown>): void {
    const tracked: Promise<void> = work.then(
      () => undefined,
      (error: unknown) => {
        // Only the state file being unwritable gets here (every step's own failure is a state): said, not thrown.
        this.#notice = `the update could not go on: ${messageOf(error)}`;
        this.#emit();
      },
    );
    this.#inFlight.add(tracked);
    void tracked.finally(() => this.#inFlight.delete(tracked));
  }
}
