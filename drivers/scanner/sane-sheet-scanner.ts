import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { systemDriverClock, type DriverClock } from '../clock/driver-clock.ts';
import { SheetScanFailed, type SheetScan, type SheetScanner, type SheetScannerPresence, type SheetScanProblem, type SheetScanRequest } from './sheet-scanner.ts';

/**
 * An A4 sheet scanner (flatbed or feeder) through SANE's `scanimage` (scanners.md §2.2: Node has no maintained SANE
 * binding; spawning scanimage is the usual route). Pages come back as PNG bytes, in order; the temporary files
 * scanimage writes live in a private directory that is removed whatever happens — a cancelled, jammed or timed-out
 * scan leaves nothing behind.
 */
export interface SaneScanSettings extends SheetScanRequest {
  /** The SANE device name (`scanimage -L`), e.g. "fujitsu:fi-7160:12345" or "test". */
  device: string;
  source: 'flatbed' | 'feeder';
  /** Extra backend options (e.g. the test backend's --read-return-value), after ours. */
  extraArgs?: readonly string[];
  /** The scanimage to run (tests and unusual installs). */
  command?: string;
  clock?: DriverClock;
}

/** How long SANE may take to open a scanner and list its options (a network scanner may be slow to answer). */
const PRESENCE_TIMEOUT_MS = 15_000;

/** scanimage exits with the SANE status of what stopped it (sane.h: 3 DEVICE_BUSY … 11 ACCESS_DENIED). */
const PROBLEM_BY_STATUS: Record<number, SheetScanProblem> = { 2: 'cancelled', 3: 'busy', 6: 'jammed', 7: 'no-paper', 8: 'cover-open' };

const problemOf = (code: number | null, stderr: string): SheetScanProblem => {
  if (/open of device .* failed|no SANE devices|Invalid argument/i.test(stderr)) return 'missing-device';
  if (/jammed/i.test(stderr)) return 'jammed';
  if (/out of documents|no more documents|NO_DOCS/i.test(stderr)) return 'no-paper';
  if (/cover open/i.test(stderr)) return 'cover-open';
  return (code === null ? undefined : PROBLEM_BY_STATUS[code]) ?? 'failed';
};

export const scanSheets = (settings: SaneScanSettings): SheetScan => {
  let cancelled = false;
  // Until scanimage runs, cancelling only marks the scan: it is then never started.
  let cancel: () => void = () => {
    cancelled = true;
  };
  const pages = (async () => {
    // Named with this process's PID: a host that dies mid-scan leaves the pages, and the next one removes them at
    // start (main/host/stale-temp-dirs.ts).
    const dir = await mkdtemp(path.join(os.tmpdir(), `kiosk-scan-${process.pid}-`));
    try {
      const args = [
        '-d',
        settings.device,
        '--resolution',
        String(settings.dpi),
        '--mode',
        settings.mode === 'color' ? 'Color' : 'Gray',
        '--format=png',
        ...(settings.source === 'feeder'
          ? ['--source', 'Automatic Document Feeder', `--batch=${path.join(dir, 'page-%03d.png')}`, `--batch-count=${settings.maxPages}`]
          : ['-o', path.join(dir, 'page-001.png')]),
        ...(settings.extraArgs ?? []),
      ];
      if (cancelled) throw new SheetScanFailed('cancelled', 'the scan was cancelled');
      const child = spawn(settings.command ?? 'scanimage', args, { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
      let timedOut = false;
      const clock = settings.clock ?? systemDriverClock;
      const timer = clock.setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, settings.timeoutMs);
      cancel = () => {
        cancelled = true;
        child.kill('SIGKILL');
      };
      if (cancelled) child.kill('SIGKILL');
      const code = await new Promise<number | null>((resolve, reject) => {
        child.once('error', reject);
        child.once('close', (exitCode) => resolve(exitCode));
      }).catch((error: unknown) => {
        clock.clearTimeout(timer);
        throw new SheetScanFailed('missing-device', `cannot run scanimage: ${(error as Error).message}`);
      });
      clock.clearTimeout(timer);
      if (cancelled) throw new SheetScanFailed('cancelled', 'the scan was cancelled');
      if (timedOut) throw new SheetScanFailed('timed-out', `no result within ${settings.timeoutMs} ms`);
      const files = (await readdir(dir)).filter((name) => name.endsWith('.png')).sort();
      // A feeder run ends with "out of documents" after the last page: pages scanned are a result, not a failure.
      const feederEmptied = settings.source === 'feeder' && files.length > 0 && (code === 7 || /out of documents|Batch terminated/i.test(stderr));
      if (code !== 0 && !feederEmptied) throw new SheetScanFailed(problemOf(code, stderr), stderr.trim().split('\n').at(-1) ?? `exit ${code}`);
      if (files.length === 0) throw new SheetScanFailed('no-paper', 'the scanner gave no page');
      return await Promise.all(files.map((name) => readFile(path.join(dir, name))));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  })();
  return { pages, cancel: () => cancel() };
};

/** A SANE sheet scanner as the terminal config names it: the device, flatbed or feeder, the model's own options. */
export interface SaneSheetScannerOptions {
  device: string;
  source: 'flatbed' | 'feeder';
  options?: readonly string[];
  command?: string;
  clock?: DriverClock;
}

/** The SheetScanner a terminal with a SANE scanner has: each scan one run of scanimage. */
export class SaneSheetScanner implements SheetScanner {
  readonly description: string;
  readonly #options: SaneSheetScannerOptions;

  constructor(options: SaneSheetScannerOptions) {
    this.#options = options;
    this.description = `sane ${options.device} (${options.source})`;
  }

  scan(request: SheetScanRequest): SheetScan {
    const { device, source, options = [], command, clock } = this.#options;
    return scanSheets({
      ...request,
      device,
      source,
      extraArgs: options,
      ...(command === undefined ? {} : { command }),
      ...(clock === undefined ? {} : { clock }),
    });
  }

  /** `scanimage -d <device> --all-options`: SANE opens the device and lists its options; nothing moves. */
  checkPresence(): Promise<SheetScannerPresence> {
    const { device, command = 'scanimage', clock = systemDriverClock } = this.#options;
    return new Promise((resolve) => {
      const child = spawn(command, ['-d', device, '--all-options'], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
      const timer = clock.setTimeout(() => child.kill('SIGKILL'), PRESENCE_TIMEOUT_MS);
      child.once('error', (error) => {
        clock.clearTimeout(timer);
        resolve({ present: false, reason: `cannot run ${command}: ${error.message}` });
      });
      child.once('close', (code) => {
        clock.clearTimeout(timer);
        const said = stderr.trim().split('\n').filter((line) => !/Output format is not set/.test(line)).at(-1);
        if (code === 0) resolve({ present: true });
        else resolve({ present: false, reason: said ?? (code === null ? `no answer within ${PRESENCE_TIMEOUT_MS} ms` : `${command} exited with ${code}`) });
      });
    });
  }
}
