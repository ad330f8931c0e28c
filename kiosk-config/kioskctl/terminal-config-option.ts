import { defaultConfigFile } from '../../main/config/default-config-file.ts';
import type { TerminalConfig } from '../../main/config/terminal-config.ts';
import { describeConfigProblems, readTerminalConfig } from '../../main/config/terminal-config-file.ts';
import type { CommandInput } from './command.ts';

export const TERMINAL_CONFIG_OPTION = { config: { type: 'string' } } as const;
export const terminalConfigHelp = (column: number): string =>
  `${'--config <file>'.padEnd(column)}the terminal config (default: $KIOSK_CONFIG, else /etc/gov-service-kiosk/terminal.json)`;

/** The terminal config a command works on (`--config`, else this terminal's), or the one line that says why not. */
export const terminalConfigOf = async (options: CommandInput['options']): Promise<{ file: string; config: TerminalConfig } | { problem: string }> => {
  const named = options['config'];
  const file = typeof named === 'string' && named !== '' ? named : defaultConfigFile();
  const reading = await readTerminalConfig(file);
  if (!reading.ok) return { problem: `the terminal config is unusable: ${describeConfigProblems(file, reading.problems)[0] ?? file}` };
  return { file, config: reading.config };
};
