import { kioskctlCommands } from './commands.ts';
import { runKioskctl } from './run-kioskctl.ts';

/** The technician's command line: `npm run -s kioskctl -- <command> [options]`. */
process.exitCode = await runKioskctl(process.argv.slice(2), kioskctlCommands, {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  stdin: async () => {
    let text = '';
    for await (const chunk of process.stdin) text += String(chunk);
    return text;
  },
});
