import type { TerminalConfig } from '../../kiosk-config/terminal-config.ts';
import { attachIdcardDemoControl, idcardDemoHelp } from '../../drivers/simulators/idcard-demo-control.ts';
import { IdCardSamSimulator } from '../../drivers/simulators/idcard-sam-simulator.ts';
import { createPtyPair } from '../../drivers/simulators/pty-pair.ts';

/**
 * The demo terminal's devices: for each serial device that has a simulator, a pseudo-terminal at the
 * configured path with the simulator on its other end, and keys on stdin to play with it.
 */
export const startDemoDevices = async (config: TerminalConfig, say: (line: string) => void): Promise<() => Promise<void>> => {
  const stops: Array<() => Promise<void>> = [];
  for (const device of config.devices) {
    if (device.kind !== 'idcard-reader' || device.connection.type !== 'serial') continue;
    const pty = await createPtyPair(device.connection.path);
    const simulator = await IdCardSamSimulator.start({ path: pty.simulatorPath, baudRate: device.connection.baudRate });
    const detach = attachIdcardDemoControl(simulator, process.stdin, say);
    say(idcardDemoHelp());
    stops.push(async () => {
      detach();
      await simulator.stop();
      await pty.stop();
    });
  }
  return async () => {
    for (const stop of stops) await stop();
  };
};
