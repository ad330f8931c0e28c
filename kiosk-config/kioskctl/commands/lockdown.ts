import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromiumPolicyState, installedPolicyFile, shippedChromiumPolicy, type ChromiumPolicyState } from '../../../main/lockdown/chromium-policy.ts';
import type { KioskctlCommand } from '../command.ts';

/** Each OS-level piece of the lockdown, as `lockdown status` reports it (the OS session's pieces join this list). */
interface PieceStatus {
  piece: string;
  state: ChromiumPolicyState['state'];
  file: string;
  differs?: string[];
}

const piecesUnder = async (root: string): Promise<PieceStatus[]> => {
  const policy = await chromiumPolicyState(root);
  return [{ piece: 'chromium-policy', state: policy.state, file: policy.file, ...(policy.state === 'differs' ? { differs: policy.keys } : {}) }];
};

const rootOption = { root: { type: 'string', default: '/' } } as const;
const ROOT_HELP = '--root <dir>  the file system to look in or install into (default /; a scratch root for a package build)';

/** `lockdown status [--json]`: each piece installed / missing / differs; exit 0 only when all are installed. */
export const lockdownStatus: KioskctlCommand = {
  words: ['lockdown', 'status'],
  summary: 'check that the OS-level lockdown of the browser shell is installed',
  arguments: [],
  options: { ...rootOption, json: { type: 'boolean' } },
  optionHelp: [ROOT_HELP, '--json        one JSON value: {installed, pieces: [{piece, state, file, differs?}]}'],
  async run({ options, io }) {
    const pieces = await piecesUnder(String(options['root']));
    const installed = pieces.every((piece) => piece.state === 'installed');
    if (options['json'] === true) io.stdout(JSON.stringify({ installed, pieces }));
    else {
      for (const piece of pieces) {
        io.stdout(`${piece.piece}: ${piece.state} (${piece.file})${piece.differs === undefined ? '' : `: ${piece.differs.join(', ')}`}`);
      }
    }
    if (!installed) io.stderr('the kiosk window is not locked down: run `kioskctl lockdown install` as root');
    return installed ? 0 : 1;
  },
};

/** `lockdown install`: writes each piece (as root on a terminal), atomically, and says what it wrote. */
export const lockdownInstall: KioskctlCommand = {
  words: ['lockdown', 'install'],
  summary: 'install the OS-level lockdown of the browser shell (as root)',
  arguments: [],
  options: rootOption,
  optionHelp: [ROOT_HELP],
  async run({ options, io }) {
    const root = String(options['root']);
    const file = installedPolicyFile(root);
    try {
      await mkdir(path.dirname(file), { recursive: true, mode: 0o755 });
      const temporary = `${file}.new`;
      await writeFile(temporary, `${JSON.stringify(await shippedChromiumPolicy(), null, 2)}\n`, { mode: 0o644 });
      await rename(temporary, file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      io.stderr(code === 'EACCES' || code === 'EPERM' ? `cannot write ${file}: run as root (sudo kioskctl lockdown install)` : `cannot write ${file}: ${(error as Error).message}`);
      return 1;
    }
    io.stdout(`chromium-policy: installed (${file})`);
    return 0;
  },
};
