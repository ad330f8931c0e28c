import { execFile } from 'node:child_process';
import { installedFile, osSessionPiece } from './os-session-pieces.ts';

/** One command that makes the running system take the installed files up. */
export interface ApplyStep {
  readonly tool: string;
  readonly args: readonly string[];
}

/**
 * After `installLockdownPieces('/')`: create the users and groups, then the directories (which need them), load the
 * udev rules and give devices already plugged in their group, and let systemd read the units. Never for a scratch
 * root: these act on the running machine.
 */
export const APPLY_STEPS: readonly ApplyStep[] = [
  { tool: 'systemd-sysusers', args: [installedFile(osSessionPiece('sysusers'))] },
  { tool: 'systemd-tmpfiles', args: ['--create', installedFile(osSessionPiece('tmpfiles'))] },
  { tool: 'udevadm', args: ['control', '--reload'] },
  { tool: 'udevadm', args: ['trigger', '--action=change', '--subsystem-match=tty', '--subsystem-match=hidraw', '--subsystem-match=usbmisc'] },
  { tool: 'systemctl', args: ['daemon-reload'] },
];

export type ApplyOutcome =
  | { step: string; outcome: 'applied' }
  | { step: string; outcome: 'not-found' }
  | { step: string; outcome: 'failed'; reason: string };

const firstLine = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line !== '');

const run = (step: ApplyStep, env: NodeJS.ProcessEnv): Promise<ApplyOutcome> => {
  const name = [step.tool, ...step.args].join(' ');
  return new Promise((resolve) => {
    execFile(step.tool, step.args, { env, timeout: 60_000 }, (error, _stdout, stderr) => {
      if (error === null) return resolve({ step: name, outcome: 'applied' });
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return resolve({ step: name, outcome: 'not-found' });
      const reason = firstLine(stderr) ?? (error.killed ? 'timed out' : `exit status ${String(error.code)}`);
      resolve({ step: name, outcome: 'failed', reason });
    });
  });
};

/**
 * Runs every step whose tool exists, each on its own (one failing does not keep the next from running), and says
 * how each went. `env` gives the PATH the tools are looked up on.
 */
export const applyLockdown = async (env: NodeJS.ProcessEnv = process.env): Promise<ApplyOutcome[]> => {
  const outcomes: ApplyOutcome[] = [];
  for (const step of APPLY_STEPS) outcomes.push(await run(step, env));
  return outcomes;
};
