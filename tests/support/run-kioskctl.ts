import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const root = path.resolve(import.meta.dirname, '..', '..');

/** Runs kioskctl as technicians do, as its own process on the project's Node. */
export const runKioskctl = async (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [path.join(root, 'kiosk-config/kioskctl/main.ts'), ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

/**
 * Starts kioskctl and hands it back while it runs: `said(pattern)` resolves once its stderr matches (a command that
 * waits on a device says when it is listening), `done` with what `runKioskctl` gives.
 */
export const startKioskctl = (...args: string[]) => {
  const child = spawn(process.execPath, [path.join(root, 'kiosk-config/kioskctl/main.ts'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiting: Array<{ pattern: RegExp; resolve: () => void }> = [];
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const wait of waiting.filter(({ pattern }) => pattern.test(stderr))) {
      waiting.splice(waiting.indexOf(wait), 1);
      wait.resolve();
    }
  });
  const done = new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code: code ?? 1, stdout, stderr })),
  );
  const said = (pattern: RegExp): Promise<void> =>
    pattern.test(stderr)
      ? Promise.resolve()
      : Promise.race([
          new Promise<void>((resolve) => waiting.push({ pattern, resolve })),
          done.then((result) => Promise.reject(new Error(`kioskctl exited (${result.code}) before saying ${pattern}: ${result.stderr}`))),
        ]);
  return { said, done };
};
