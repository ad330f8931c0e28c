import type { RunningBrowserShell } from './run-browser-shell.ts';
import type { RunningOutOfService } from './run-out-of-service.ts';

/** Why a running terminal ends: the process was told to stop, or a restart was asked for (the host's, if it has one). */
export type TerminalEnding = 'stop' | 'restart';

/** Resolves with the first of the stop signal and a restart the terminal's host asks for. */
export const terminalEnding = (terminal: RunningBrowserShell | RunningOutOfService, stopSignal: Promise<unknown>): Promise<TerminalEnding> =>
  new Promise((resolve) => {
    void stopSignal.then(() => resolve('stop'));
    if ('host' in terminal) terminal.host.onRestartRequested(() => resolve('restart'));
  });
