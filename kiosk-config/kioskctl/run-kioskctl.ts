import { parseArgs } from 'node:util';
import type { CommandIo, KioskctlCommand } from './command.ts';

const usageOf = (command: KioskctlCommand) =>
  [`usage: kioskctl ${[...command.words, ...command.arguments].join(' ')} [options]`, `  ${command.summary}`]
    .concat(command.optionHelp.map((line) => `  ${line}`), ['  --help  show this help'])
    .join('\n');

const overview = (commands: readonly KioskctlCommand[]) =>
  ['usage: npm run -s kioskctl -- <command> [options]', '', 'commands:']
    .concat(commands.map((command) => `  ${command.words.join(' ').padEnd(20)} ${command.summary}`))
    .concat(['', 'Run a command with --help for its options.'])
    .join('\n');

/**
 * Finds the command named by the leading words of argv, parses its options strictly, and runs it.
 * Unknown commands and options exit 2 with one line on stderr (../shared/design/kioskctl.md).
 */
export const runKioskctl = async (argv: readonly string[], commands: readonly KioskctlCommand[], io: CommandIo): Promise<number> => {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    (argv.length === 0 ? io.stderr : io.stdout)(overview(commands));
    return argv.length === 0 ? 2 : 0;
  }
  const command = commands
    .filter((candidate) => candidate.words.every((word, index) => argv[index] === word))
    .sort((a, b) => b.words.length - a.words.length)[0];
  if (command === undefined) {
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
  return command.run({ positionals: parsed.positionals, options: parsed.values, io });
};
