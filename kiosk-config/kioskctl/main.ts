import { kioskctlCommands } from './commands.ts';
import { runKioskctl } from './run-kioskctl.ts';

/**
 * The technician's command line: `kioskctl <command> [options]` (the launcher beside this file, on the project's
 * pinned Node), or `npm run -s kioskctl -- <command> [options]` in a source checkout.
 */

// A failure outside any command's own awaits (an 'error' event nobody listened for) is still one line, never a trace.
process.on('uncaughtException', (error) => {
  process.stderr.write(`kioskctl failed: ${(error.message || String(error)).split('\n')[0]}\n`);
  process.exit(1);
});

process.exitCode = await runKioskctl(process.argv.slice(2), kioskctlCommands, {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  stdin: async () => {
    let text = '';
    for await (const chunk of process.stdin) text += String(chunk);
    return text;
  },
});
