import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { listAttachedDevices } from '../../../drivers/manager/attached/attached-devices.ts';
import { probeSerialPorts } from '../../../drivers/manager/probe/serial-port-probe.ts';
import { applyProfiles } from '../../../main/config/config-profiles.ts';
import { defaultConfigFile } from '../../../main/config/default-config-file.ts';
import { checkTerminalConfig, describeConfigProblems } from '../../../main/config/terminal-config-file.ts';
import { loadTerminalKeys } from '../../../main/host/terminal-keys.ts';
import { hashStaffPassword, type StaffAccount } from '../../../main/lockers/staff-accounts.ts';
import { HttpPlatformAdapter } from '../../../main/platform/http-platform-adapter.ts';
import { markRegistered } from '../../../main/platform/terminal-identity.ts';
import { writeFileDurably } from '../../../main/storage/durable-file.ts';
import type { KioskctlCommand } from '../command.ts';
import { deviceRootsFromEnvironment } from '../device-roots.ts';
import { selfTest } from './self-test.ts';
import { askProvisionAnswers } from '../provision/ask-provision-answers.ts';
import { handOverToHostUser } from '../provision/host-user.ts';
import { readProvisionAnswers, type ProvisionAnswers } from '../provision/provision-answers.ts';
import { devicesFound, provisionedConfig, STAFF_FILE } from '../provision/provisioned-config.ts';

/**
 * `provision [--from answers.json] [--out <terminal.json>] [--force]`: from a bare terminal to one the platform knows —
 * the devices probed (or given), a terminal config written from a profile and checked, the terminal's key pair made,
 * the terminal enrolled with its one-time code, the staff accounts file written, and a self-test to end with. Without
 * --from it asks on the terminal, with what the probe found as the defaults.
 */
export const provision: KioskctlCommand = {
  words: ['provision'],
  summary: 'set up a terminal: probe its devices, write its config from a profile, make its keys, enrol it, add staff',
  arguments: [],
  options: { from: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } },
  optionHelp: [
    '--from <answers.json>  the answers (profile, terminalId, hallName, platform {baseUrl, enrolmentCode}, devices, staff …) instead of questions',
    '--out <terminal.json>  where the terminal config goes (default: $KIOSK_CONFIG or /etc/gov-service-kiosk/terminal.json)',
    '--force                replace a terminal config that is already there',
  ],
  async run({ positionals, options, io }) {
    if (positionals.length > 0) {
      io.stderr(`provision takes no arguments, not "${positionals.join(' ')}"`);
      return 2;
    }
    const out = path.resolve(typeof options['out'] === 'string' ? options['out'] : defaultConfigFile());
    if (existsSync(out) && options['force'] !== true) {
      io.stderr(`${out} exists: this terminal is provisioned already (--force replaces its config)`);
      return 1;
    }
    const serialPorts = async () => (await listAttachedDevices(deviceRootsFromEnvironment())).serialPorts.map((port) => port.path);
    let answers: ProvisionAnswers;
    if (typeof options['from'] === 'string') {
      const reading = await readProvisionAnswers(options['from']);
      if (!reading.ok) {
        io.stderr(reading.problem);
        return 1;
      }
      answers = reading.answers;
    } else {
      const asked = await askProvisionAnswers(io, () => serialPorts().then((ports) => probeSerialPorts(ports)));
      if (!asked.ok) {
        io.stderr(asked.problem);
        return 1;
      }
      answers = asked.answers;
    }

    // 1. The devices, and the config from the profile, checked before anything is written.
    let devices: readonly unknown[];
    if (answers.devices === 'probe') {
      const findings = await probeSerialPorts(answers.ports ?? (await serialPorts()));
      devices = devicesFound(findings);
      io.stdout(`devices found: ${devices.length === 0 ? 'none' : devices.map((device) => `${(device as { id: string }).id} on ${(device as { connection: { path: string } }).connection.path}`).join(', ')}`);
    } else devices = answers.devices;
    const config = provisionedConfig(answers, devices);
    const configDir = path.dirname(out);
    const withProfile = await applyProfiles(config, configDir);
    const checked = withProfile.ok ? checkTerminalConfig(withProfile.value, configDir) : withProfile;
    if (!checked.ok) {
      for (const line of describeConfigProblems(out, checked.problems)) io.stderr(line);
      return 1;
    }
    const terminal = checked.config;
    let staff: StaffAccount[];
    try {
      staff = await Promise.all(answers.staff.map(async ({ staffId, password }) => ({ staffId, passwordHash: await hashStaffPassword(password), disabled: false })));
    } catch (error) {
      io.stderr(`a staff password: ${(error as Error).message}`);
      return 1;
    }

    // 2. The config and the staff file (0600), each written whole.
    // The config holds no secret: readable by the host's user (0644), in a directory the host may read.
    await mkdir(configDir, { recursive: true });
    writeFileDurably(out, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o644 });
    io.stdout(`${out}: written (profile ${answers.profile}, terminal ${terminal.terminalId})`);
    if (staff.length > 0) {
      writeFileDurably(path.join(configDir, STAFF_FILE), `${JSON.stringify({ accounts: staff }, null, 2)}\n`);
      io.stdout(`${path.join(configDir, STAFF_FILE)}: ${staff.length} staff account${staff.length === 1 ? '' : 's'}`);
    }

    // 3. The terminal's keys, as the host keeps them, and its enrolment with the one-time code.
    let keys;
    try {
      keys = loadTerminalKeys(terminal.dataDir, terminal.terminalId);
    } catch (error) {
      io.stderr(`the terminal's keys in ${terminal.dataDir}: ${(error as Error).message}`);
      return 1;
    }
    try {
      await new HttpPlatformAdapter({ baseUrl: terminal.platform.baseUrl, timeoutMs: 10_000, signer: keys.identity }).enrolTerminal(answers.platform.enrolmentCode);
    } catch (error) {
      io.stderr(`enrolment at ${terminal.platform.baseUrl} failed: ${(error as Error).message} (the config is written; run provision --force with a new code, or put the code in platform.enrolmentCode and start the kiosk)`);
      return 1;
    }
    markRegistered(terminal.dataDir, keys.identity, new Date());
    io.stdout(`terminal ${terminal.terminalId} enrolled at ${terminal.platform.baseUrl}`);
    // 4. The self-test of the terminal as provisioned: its result is shown (and kept for diagnostics) — what is not
    // healthy yet, a technician sees now; provisioning itself is done (the catalogue, for one, arrives once the kiosk runs).
    io.stdout('self-test:');
    const tested = await selfTest.run({ positionals: [], options: { config: out }, io: { ...io, stderr: (line) => io.stdout(`  ${line}`) } });
    io.stdout(tested === 0 ? 'self-test passed' : 'self-test found what is listed above; fix it and run kioskctl self-test again (start the kiosk first for its catalogue)');
    const owner = handOverToHostUser([terminal.dataDir, ...(staff.length > 0 ? [path.join(configDir, STAFF_FILE)] : [])]);
    if (owner !== null) io.stdout(`${terminal.dataDir}${staff.length > 0 ? ` and ${STAFF_FILE}` : ''}: handed to ${owner}`);
    return 0;
  },
};
