import { existsSync } from 'node:fs';
import path from 'node:path';
import { defaultConfigFile } from '../../../main/config/default-config-file.ts';
import type { KioskctlCommand } from '../command.ts';
import { writeDiagnosticsBundle, type BundleFile, type LeftOut } from '../diagnostics/diagnostics-bundle.ts';
import { addConfig, addDevices, addLastSelfTest, addLogs, addStoreSummaries, addVersions } from '../diagnostics/terminal-diagnostics.ts';
import { wholeNumber } from '../option-values.ts';
import { TERMINAL_CONFIG_OPTION, terminalConfigHelp, terminalConfigOf } from '../terminal-config-option.ts';

const DEFAULT_JOURNAL_LINES = 5000;

/** Never in a bundle, whatever the terminal: what holds citizens' data or the terminal's secrets. */
const NEVER_INCLUDED: readonly LeftOut[] = [
  { what: 'the outbox’s payloads, summaries and references, the lockers’ inventory, printed receipts, scans', why: 'they hold citizens’ data' },
  { what: 'the data key, the terminal’s private key (terminal-identity.json)', why: 'they are the terminal’s secrets' },
];

/**
 * `diagnostics --out FILE.tar.gz [--config <file>] [--log <file>]… [--journal-lines <n>]`: what a technician sends
 * to the vendor, as one gzipped tar with a MANIFEST.txt — the host's log (journald; log files named), the config
 * without secrets, versions, the devices now, outbox, catalogue and audit summaries, the last self-test. Nothing of a
 * citizen's goes in. Prints the bundle's path; exit 0 when it was written, even if some parts were left out (the
 * manifest says which and why). An unusable config still gives a bundle (versions, logs, the config as written).
 */
export const diagnostics: KioskctlCommand = {
  words: ['diagnostics'],
  summary: 'write a diagnostics bundle (.tar.gz) for the vendor: logs, config without secrets, versions, devices, summaries, last self-test',
  arguments: [],
  options: { ...TERMINAL_CONFIG_OPTION, out: { type: 'string' }, log: { type: 'string', multiple: true }, 'journal-lines': { type: 'string' } },
  optionHelp: [
    '--out <FILE.tar.gz>      where to write the bundle',
    terminalConfigHelp(25),
    '--log <file>             a log file to include besides the host’s journal (repeatable)',
    `--journal-lines <n>      how many of the host's last journal lines (default ${DEFAULT_JOURNAL_LINES})`,
  ],
  async run({ options, positionals, io }) {
    const out = options['out'];
    if (positionals.length > 0) {
      io.stderr('diagnostics takes no arguments (the bundle is named by --out)');
      return 2;
    }
    if (typeof out !== 'string' || !out.endsWith('.tar.gz')) {
      io.stderr(`diagnostics needs --out <FILE.tar.gz>${typeof out === 'string' ? `, not "${out}"` : ''}`);
      return 2;
    }
    if (!existsSync(path.dirname(path.resolve(out)))) {
      io.stderr(`cannot write ${out}: there is no folder ${path.dirname(path.resolve(out))}`);
      return 1;
    }
    const namedFile = options['config'];
    if (typeof namedFile === 'string' && namedFile !== '' && !existsSync(namedFile)) {
      io.stderr(`no terminal config at ${namedFile} (give the terminal's config, or leave --config out for this terminal's)`);
      return 1;
    }
    const lines = options['journal-lines'] === undefined ? DEFAULT_JOURNAL_LINES : wholeNumber(options['journal-lines']);
    if (lines === null || lines < 1) {
      io.stderr(`--journal-lines must be a whole number ≥ 1, not "${String(options['journal-lines'])}"`);
      return 2;
    }
    const logs = (options['log'] as unknown as string[] | undefined) ?? [];
    const parts = { files: [] as BundleFile[], leftOut: [...NEVER_INCLUDED] };
    const named = await terminalConfigOf(options);
    const configFile = 'file' in named ? named.file : typeof options['config'] === 'string' ? options['config'] : defaultConfigFile();
    await addConfig(parts, configFile, 'problem' in named ? named.problem : null);
    await addVersions(parts);
    await addLogs(parts, lines, logs);
    let title = `Diagnostics of the terminal config ${configFile}, ${new Date().toISOString()}`;
    if ('config' in named) {
      const { config } = named;
      title = `Diagnostics of terminal ${config.terminalId} (${configFile}), ${new Date().toISOString()}`;
      await addDevices(parts, config);
      addStoreSummaries(parts, config);
      await addLastSelfTest(parts, config);
    } else parts.leftOut.push({ what: 'devices, outbox, catalogue, audit log and last self-test', why: named.problem });
    try {
      await writeDiagnosticsBundle(out, title, parts.files, parts.leftOut);
    } catch (error) {
      io.stderr(`cannot write ${out}: ${(error as Error).message.split('\n').find((line) => line.trim() !== '' && !line.startsWith('Command failed')) ?? (error as Error).message}`);
      return 1;
    }
    io.stdout(`diagnostics written to ${out}: ${parts.files.length} files (MANIFEST.txt says what is in it and what was left out)`);
    return 0;
  },
};
