import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const root = path.resolve(import.meta.dirname, '..', '..');

export interface KioskctlRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program to its end and says how it went, whatever its exit status. */
export const runToEnd = async (file: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<KioskctlRun> => {
  try {
    const { stdout, stderr } = await promisify(execFile)(file, args, { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};

/** The command line that runs kioskctl from the source checkout on the project's Node. */
export const kioskctlCommandLine = (...args: string[]): string[] => [process.execPath, path.join(root, 'kiosk-config/kioskctl/main.ts'), ...args];

/** Runs kioskctl as technicians do, as its own process on the project's Node. */
export const runKioskctl = (...args: string[]): Promise<KioskctlRun> => runKioskctlWith(process.env, ...args);

/** The same, with the environment given (a PATH without some program, say). */
export const runKioskctlWith = (env: NodeJS.ProcessEnv, ...args: string[]): Promise<KioskctlRun> => {
  const [file, ...rest] = kioskctlCommandLine(...args) as [string, ...string[]];
  return runToEnd(file, rest, env);
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
