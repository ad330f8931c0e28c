import { parseArgs } from 'node:util';
import type { CommandIo, KioskctlCommand } from './command.ts';
import { kioskctlVersion } from './kioskctl-version.ts';

const usageOf = (command: KioskctlCommand) =>
  [`usage: kioskctl ${[...command.words, ...command.arguments].join(' ')} [options]`, `  ${command.summary}`]
    .concat(command.optionHelp.map((line) => `  ${line}`), ['  --help  show this help'])
    .join('\n');

const listing = (commands: readonly KioskctlCommand[]) => commands.map((command) => `  ${command.words.join(' ').padEnd(28)} ${command.summary}`);

const overview = (commands: readonly KioskctlCommand[]) =>
  ['usage: kioskctl <command> [options]', '', 'commands:']
    .concat(listing(commands))
    .concat(['', 'Run a command with --help for its options; kioskctl --version says which kiosk this is.'])
    .join('\n');

const groupOverview = (group: string, commands: readonly KioskctlCommand[]) =>
  [`usage: kioskctl ${group} <command> [options]`, '', `${group} commands:`]
    .concat(listing(commands))
    .concat(['', 'Run a command with --help for its options.'])
    .join('\n');

/** The first line of what was thrown: a technician reads the cause, never a stack trace. */
const firstLineOf = (thrown: unknown) => (thrown instanceof Error ? thrown.message : String(thrown)).split('\n')[0];

/**
 * Finds the command named by the leading words of argv, parses its options strictly, and runs it. A group's name
 * alone (`kioskctl config`) lists the group's commands. Unknown commands and options exit 2 with one line on stderr;
 * a command that fails in a way it did not foresee exits 1 with one line, never a stack trace
 * (../shared/design/kioskctl.md).
 */
export const runKioskctl = async (argv: readonly string[], commands: readonly KioskctlCommand[], io: CommandIo, version = kioskctlVersion): Promise<number> => {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    (argv.length === 0 ? io.stderr : io.stdout)(overview(commands));
    return argv.length === 0 ? 2 : 0;
  }
  if (argv[0] === '--version' || argv[0] === '-V') {
    io.stdout(version());
    return 0;
  }
  const command = commands
    .filter((candidate) => candidate.words.every((word, index) => argv[index] === word))
    .sort((a, b) => b.words.length - a.words.length)[0];
  if (command === undefined) {
    const group = commands.filter((candidate) => candidate.words[0] === argv[0]);
    const next = argv[1];
    if (group.length > 0 && (next === undefined || next.startsWith('-'))) {
      const asked = next === '--help' || next === '-h';
      (asked ? io.stdout : io.stderr)(groupOverview(argv[0] as string, group));
      return asked ? 0 : 2;
    }
    if (group.length > 0) {
      io.stderr(`unknown command: ${argv[0]} ${next} (kioskctl ${argv[0]} lists its commands)`);
      return 2;
    }
    const words = argv.filter((arg) => !arg.startsWith('-')).slice(0, 2).join(' ');
    io.stderr(`unknown command: ${words || argv[0]} (kioskctl --help lists the commands)`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: argv.slice(command.words.length) as string[],
      options: { ...command.options, help: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    const message = (error as Error).message;
    const unknown = /Unknown option '([^']+)'/.exec(message);
    io.stderr(unknown ? `unknown option: ${unknown[1]} (for ${command.words.join(' ')})` : message);
    return 2;
  }
  if (parsed.values['help'] === true) {
    io.stdout(usageOf(command));
    return 0;
  }
  try {
    return await command.run({ positionals: parsed.positionals, options: parsed.values, io });
  } catch (thrown) {
    io.stderr(`kioskctl ${command.words.join(' ')} failed: ${firstLineOf(thrown)}`);
    return 1;
  }
};
