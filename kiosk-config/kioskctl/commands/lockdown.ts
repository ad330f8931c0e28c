import path from 'node:path';
import { applyLockdown } from '../../../main/lockdown/lockdown-apply.ts';
import { installLockdownPieces, LockdownInstallFailed } from '../../../main/lockdown/lockdown-install.ts';
import { allInstalled, lockdownPieceStates } from '../../../main/lockdown/lockdown-pieces.ts';
import type { KioskctlCommand } from '../command.ts';

const rootOption = { root: { type: 'string', default: '/' } } as const;
const ROOT_HELP = '--root <dir>  the file system to look in or install into (default /; a scratch root for a package build)';

/** `lockdown status [--json]`: each piece installed / missing / differs; exit 0 only when all are installed. */
export const lockdownStatus: KioskctlCommand = {
  words: ['lockdown', 'status'],
  summary: 'check that the OS-level lockdown (Chromium policy, users, units, udev rules, sudo rule, launcher) is installed',
  arguments: [],
  options: { ...rootOption, json: { type: 'boolean' } },
  optionHelp: [ROOT_HELP, '--json        one JSON value: {installed, pieces: [{piece, state, file, differs?}]}'],
  async run({ options, io }) {
    const pieces = await lockdownPieceStates(String(options['root']));
    const installed = allInstalled(pieces);
    if (options['json'] === true) io.stdout(JSON.stringify({ installed, pieces }));
    else {
      for (const piece of pieces) {
        io.stdout(`${piece.piece}: ${piece.state} (${piece.file})${piece.differs === undefined ? '' : `: ${piece.differs.join(', ')}`}`);
      }
    }
    if (!installed) io.stderr('the kiosk is not locked down: run `kioskctl lockdown install` as root');
    return installed ? 0 : 1;
  },
};

/**
 * `lockdown install`: writes each piece (as root on a terminal), atomically, with its mode, and says what it wrote.
 * Into `/` only, it then has the running system take them up (users, directories, udev, systemd).
 */
export const lockdownInstall: KioskctlCommand = {
  words: ['lockdown', 'install'],
  summary: 'install the OS-level lockdown (as root): Chromium policy, users, directories, units, udev rules, sudo rule, launcher',
  arguments: [],
  options: rootOption,
  optionHelp: [ROOT_HELP],
  async run({ options, io }) {
    const root = String(options['root']);
    try {
      for (const { piece, file } of await installLockdownPieces(root)) io.stdout(`${piece}: installed (${file})`);
    } catch (error) {
      if (!(error instanceof LockdownInstallFailed)) throw error;
      io.stderr(error.message);
      return 1;
    }
    if (path.resolve(root) !== '/') return 0;
    let failed = false;
    for (const outcome of await applyLockdown()) {
      if (outcome.outcome === 'applied') io.stdout(`applied: ${outcome.step}`);
      else if (outcome.outcome === 'not-found') io.stdout(`not applied: ${outcome.step} (${outcome.step.split(' ')[0]} is not installed)`);
      else {
        failed = true;
        io.stderr(`not applied: ${outcome.step}: ${outcome.reason}`);
      }
    }
    return failed ? 1 : 0;
  },
};
