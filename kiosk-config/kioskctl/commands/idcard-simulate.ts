import path from 'node:path';
import { attachIdcardDemoControl, idcardDemoHelp } from '../../../drivers/simulators/idcard-demo-control.ts';
import { IdCardSamSimulator } from '../../../drivers/simulators/idcard-sam-simulator.ts';
import { createPtyPair, SocatMissing } from '../../../drivers/simulators/pty-pair.ts';
import { untilStopSignal } from '../../../main/common/stop-signal.ts';
import type { KioskctlCommand } from '../command.ts';

/**
 * `idcard simulate --port <path>`: a simulated reader for training and bench work. Creates a pseudo-terminal
 * at <path> (point a terminal config or `idcard read --port` at it) and plays cards from the keyboard until
 * Ctrl+C.
 */
export const idcardSimulate: KioskctlCommand = {
  words: ['idcard', 'simulate'],
  summary: 'run a simulated ID card reader on a pseudo-terminal, played from the keyboard',
  arguments: [],
  options: { port: { type: 'string' } },
  optionHelp: ['--port <path>  where to create the reader\'s pseudo-terminal (e.g. /tmp/idcard-reader)'],
  async run({ options, io }) {
    const port = options['port'];
    if (typeof port !== 'string' || port === '') {
      io.stderr('idcard simulate needs --port <path>');
      return 2;
    }
    const devicePath = path.resolve(port);
    let pty;
    try {
      pty = await createPtyPair(devicePath);
    } catch (error) {
      io.stderr(error instanceof SocatMissing ? error.message : `cannot create a pseudo-terminal at ${devicePath}: ${(error as Error).message}`);
      return 1;
    }
    const simulator = await IdCardSamSimulator.start({ path: pty.simulatorPath });
    io.stdout(`simulated reader at ${devicePath} (115200 8N1)`);
    io.stdout(idcardDemoHelp());
    const detach = attachIdcardDemoControl(simulator, process.stdin, io.stdout);
    await untilStopSignal(); // Ctrl+C, or the system stopping it
    detach();
    await simulator.stop();
    await pty.stop();
    return 0;
  },
};
