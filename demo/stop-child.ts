import type { ChildProcess } from 'node:child_process';

/** Stops a process the demo started: SIGTERM, then SIGKILL if it is still there after 3 s; resolves once it is gone. */
export const stopChild = async (running: ChildProcess | null): Promise<void> => {
  if (running === null || running.exitCode !== null || running.signalCode !== null) return;
  const exited = new Promise((resolve) => running.once('exit', resolve));
  running.kill('SIGTERM');
  const kill = setTimeout(() => running.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(kill);
};
