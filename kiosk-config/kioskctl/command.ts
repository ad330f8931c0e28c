import type { ParseArgsOptionsConfig } from 'node:util';

/** What a command prints to; injected so tests can run commands in-process as well as through npm. */
export interface CommandIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  /** Everything on standard input (a secret a command must not take as an argument, which shells keep in history). */
  stdin?: () => Promise<string>;
}

export interface CommandInput {
  positionals: string[];
  options: Record<string, string | boolean | undefined>;
  io: CommandIo;
}

/**
 * One kioskctl command (`config validate`, later `idcard read`, `printer status` …). Its run resolves to the
 * exit status: 0 only when it did what was asked (../shared/design/kioskctl.md).
 */
export interface KioskctlCommand {
  /** The words that name it, e.g. ['config', 'validate']. */
  words: readonly string[];
  summary: string;
  /** Positional arguments, for the usage line: ['<file>']. */
  arguments: readonly string[];
  options: ParseArgsOptionsConfig;
  /** One line per option, for --help. */
  optionHelp: readonly string[];
  run(input: CommandInput): Promise<number>;
}
