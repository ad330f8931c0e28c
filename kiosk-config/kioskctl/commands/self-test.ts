import { existsSync } from 'node:fs';
import type { KioskctlCommand } from '../command.ts';
import { checkDevices } from '../self-test/device-checks.ts';
import { doorToOpen, openDoor, printTestPage } from '../self-test/hands-on-checks.ts';
import { checkPlatform } from '../self-test/platform-checks.ts';
import { saveSelfTest, selfTestResult, selfTestTable, type SelfTestCheck } from '../self-test/self-test-result.ts';
import { checkTerminalData } from '../self-test/terminal-data-checks.ts';
import { TERMINAL_CONFIG_OPTION, terminalConfigHelp, terminalConfigOf } from '../terminal-config-option.ts';

/**
 * `self-test [--config <file>] [--print] [--open-door CABINET:DOOR] [--json]`: every configured device answers and is
 * healthy, the platform answers and knows this terminal, its clock agrees, the catalogue is loaded, the outbox is
 * not stuck, the disk has room. Prints a table, or with --json one object {ok, terminalId, at, checks: [{check,
 * device?, ok, detail, checkable?}]}, whatever the outcome; exit 0 only when every check passed. The result is kept in
 * the data dir (last-self-test.json) for `kioskctl diagnostics`. Refused, with nothing checked, while another process
 * (the kiosk host) holds the terminal's serial ports.
 */
export const selfTest: KioskctlCommand = {
  words: ['self-test'],
  summary: 'check every device, the platform, enrolment, clock, catalogue, outbox and disk of this terminal',
  arguments: [],
  options: { ...TERMINAL_CONFIG_OPTION, print: { type: 'boolean' }, 'open-door': { type: 'string' }, json: { type: 'boolean' } },
  optionHelp: [
    terminalConfigHelp(25),
    '--print                  also print a test page on the receipt printer',
    '--open-door CABINET:DOOR also unlock one locker door and check it reads open (cabinet by id or label; recorded in the audit log)',
    '--json                   print one JSON object {ok, terminalId, at, checks: [{check, device?, ok, detail, checkable?}]}',
  ],
  async run({ options, positionals, io }) {
    if (positionals.length > 0) {
      io.stderr('self-test takes no arguments (the terminal is named by --config)');
      return 2;
    }
    const named = await terminalConfigOf(options);
    if ('problem' in named) {
      io.stderr(named.problem);
      return 1;
    }
    const { config } = named;
    const doorOption = options['open-door'];
    const door = typeof doorOption === 'string' ? doorToOpen(config, doorOption) : null;
    if (typeof door === 'string') {
      io.stderr(door);
      return 2;
    }
    const devices = await checkDevices(config.devices);
    if ('busy' in devices) {
      io.stderr(`self-test not run: ${devices.busy}`);
      return 1;
    }
    const checks: SelfTestCheck[] = [...devices.checks];
    try {
      if (options['print'] === true) checks.push(await printTestPage(config, devices.devices));
      if (door !== null) checks.push(await openDoor(options, devices.devices, door));
    } finally {
      await devices.stop();
    }
    checks.push(...(await checkPlatform(config)), ...(await checkTerminalData(config)));
    const result = selfTestResult(config.terminalId, new Date(), checks);
    if (options['json'] === true) io.stdout(JSON.stringify(result));
    else for (const line of selfTestTable(result)) io.stdout(line);
    // Never the one to make the data dir: the kiosk makes it, as its own user, with the modes it wants.
    if (!existsSync(config.dataDir)) io.stderr(`the result is not kept for diagnostics: there is no data dir ${config.dataDir} yet`);
    else {
      try {
        saveSelfTest(config.dataDir, result);
      } catch (error) {
        io.stderr(`the result could not be kept for diagnostics: ${(error as Error).message}`);
      }
    }
    const failed = result.checks.filter((check) => !check.ok);
    if (failed.length > 0) io.stderr(`self-test failed: ${failed.map((check) => `${check.device ?? check.check} (${check.detail})`).join('; ')}`);
    return result.ok ? 0 : 1;
  },
};
