import { spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline/promises';
import type { PortFinding } from '../../../drivers/manager/probe/serial-port-probe.ts';
import type { CommandIo } from '../command.ts';
import { checkProvisionAnswers, PROFILES, type AnswersReading } from './provision-answers.ts';
import { devicesFound } from './provisioned-config.ts';

/**
 * The provisioning questions, asked on the terminal (prompts on stderr; stdout keeps the results): what the probe
 * found first, so the technician sees which device is where before answering. An empty answer takes the default in
 * brackets. Passwords are not echoed where the terminal can hide them.
 */
export const askProvisionAnswers = async (io: CommandIo, probe: () => Promise<PortFinding[]>): Promise<AnswersReading> => {
  io.stderr('probing the serial ports…');
  const findings = await probe();
  const devices = devicesFound(findings);
  for (const finding of findings) io.stderr(`  ${finding.port}: ${finding.device}${'protocol' in finding ? ` (${finding.protocol}, boards ${finding.boards.join(', ')})` : ''}`);
  // Lines read in turn (answers typed ahead, or piped in, are not lost between questions); no more input: refused.
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  const next = lines[Symbol.asyncIterator]();
  const answer = async (prompt: string): Promise<string> => {
    process.stderr.write(prompt);
    const line = await next.next();
    if (line.done === true) throw new Error('the questions were not all answered (input ended)');
    return line.value.trim();
  };
  const ask = async (question: string, fallback = ''): Promise<string> => {
    const given = await answer(`${question}${fallback === '' ? '' : ` [${fallback}]`}: `);
    return given === '' ? fallback : given;
  };
  const askSecret = async (question: string): Promise<string> => {
    const hide = process.stdin.isTTY === true;
    if (hide) spawnSync('stty', ['-echo'], { stdio: 'inherit' });
    try {
      return await answer(`${question}: `);
    } finally {
      if (hide) {
        spawnSync('stty', ['echo'], { stdio: 'inherit' });
        io.stderr('');
      }
    }
  };
  try {
    const profile = await ask(`profile (${PROFILES.join(', ')})`, devices.some((device) => device.kind === 'locker-bus') ? 'community-hall' : 'office-building');
    const terminalId = await ask('terminal id (as the platform knows it)');
    const hall = await ask('hall name (中文)');
    const hallEn = await ask('hall name (English, optional)');
    const baseUrl = await ask('platform address (https://…)');
    const enrolmentCode = await askSecret('one-time enrolment code (from the operator)');
    const staff = [];
    for (;;) {
      const staffId = await ask('staff id to add (empty: none more)');
      if (staffId === '') break;
      staff.push({ staffId, password: await askSecret(`password for ${staffId}`) });
    }
    return checkProvisionAnswers(
      { profile, terminalId, hallName: { 'zh-CN': hall, ...(hallEn === '' ? {} : { en: hallEn }) }, platform: { baseUrl, enrolmentCode }, devices, staff },
      'the answers',
    );
  } catch (error) {
    return { ok: false, problem: (error as Error).message };
  } finally {
    lines.close();
  }
};
