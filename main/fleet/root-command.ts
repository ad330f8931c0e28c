import { execFile } from 'node:child_process';

/** What a command came to: its exit status (or -1 when it could not be run) and its output, stdout then stderr. */
export interface CommandResult {
  code: number;
  output: string;
}

/** Runs one command to its end; injected so tests see the command lines and no test installs onto this machine. */
export type CommandRunner = (argv: readonly [string, ...string[]]) => Promise<CommandResult>;

/** apt-get may take a while (a new dependency to fetch), but not for ever. */
const COMMAND_TIMEOUT_MS = 15 * 60_000;

export const runCommand: CommandRunner = ([command, ...args]) =>
  new Promise((resolve) => {
    execFile(command, args, { timeout: COMMAND_TIMEOUT_MS, maxBuffer: 8 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      if (error === null) return resolve({ code: 0, output });
      resolve({ code: typeof error.code === 'number' ? error.code : -1, output: output === '' ? error.message : output });
    });
  });

/** The last lines of a command's output: enough for a technician to see why, short enough for an attribute. */
export const outputTail = (output: string): string =>
  output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .slice(-3)
    .join(' | ')
    .slice(-500);

/**
 * An apt-get run as root: through sudo (the rules shipped in main/lockdown/os/sudoers.d allow exactly these command
 * lines), in a transient systemd unit of its own (systemd-run), not as a child of the host: the host's unit mounts
 * /usr read-only (ProtectSystem=strict), and a restart of the host must not kill dpkg half-way.
 */
export const aptGetAsRoot = (...aptArguments: string[]): [string, ...string[]] => [
  'sudo',
  '-n',
  '/usr/bin/systemd-run',
  '--unit',
  'gov-service-kiosk-update',
  '--wait',
  '--pipe',
  '--collect',
  '--quiet',
  '--setenv',
  'DEBIAN_FRONTEND=noninteractive',
  '/usr/bin/apt-get',
  ...aptArguments,
];

/**
 * apt-get install's arguments before what is installed: apt-get (not dpkg -i) so that a package with a new dependency
 * is refused before anything is unpacked, rather than left half-configured; a downgrade allowed (a rollback); the
 * terminal's changed conffiles kept.
 */
export const APT_INSTALL = ['install', '-y', '--allow-downgrades', '-o', 'Dpkg::Options::=--force-confdef', '-o', 'Dpkg::Options::=--force-confold'] as const;
