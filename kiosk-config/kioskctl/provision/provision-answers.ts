import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { localizedTextSchema } from '../../../main/api/index.ts';

/**
 * What a technician answers to provision a terminal (`kioskctl provision`), asked on the terminal or given as a
 * file (`--from answers.json`). The enrolment code and the staff passwords are used and never written anywhere but
 * where they belong (the platform's registration; the staff file as scrypt hashes): not into the terminal config.
 */
export const PROFILES = ['community-hall', 'office-building', 'bank-atm'] as const;

export const provisionAnswersSchema = z
  .object({
    profile: z.enum(PROFILES),
    terminalId: z.string().min(1),
    hallName: localizedTextSchema,
    dataDir: z.string().min(1).default('/var/lib/gov-service-kiosk'),
    platform: z.object({ baseUrl: z.string().min(1), enrolmentCode: z.string().min(1).max(100) }).strict(),
    /**
     * 'probe' (default): the devices `kioskctl probe` finds on `ports` (default: every serial port); or the devices
     * themselves, as the terminal config writes them (checked with the whole config).
     */
    devices: z.union([z.literal('probe'), z.array(z.unknown())]).default('probe'),
    ports: z.array(z.string().min(1)).min(1).optional(),
    /** The catalogue's signing key and area (public: a key to check signatures with, not a secret). */
    catalogue: z.record(z.string(), z.unknown()).optional(),
    staff: z
      .array(z.object({ staffId: z.string().min(1), password: z.string().min(1) }).strict())
      .default([]),
  })
  .strict();
export type ProvisionAnswers = z.infer<typeof provisionAnswersSchema>;

export type AnswersReading = { ok: true; answers: ProvisionAnswers } | { ok: false; problem: string };

/** The answers file, checked: one line naming the first problem (its JSON path) when it is not right. */
export const readProvisionAnswers = async (file: string): Promise<AnswersReading> => {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, problem: `${file}: ${code === 'ENOENT' ? 'file not found' : code === undefined ? `not valid JSON (${(error as Error).message})` : `cannot read it (${code})`}` };
  }
  return checkProvisionAnswers(value, file);
};

export const checkProvisionAnswers = (value: unknown, where: string): AnswersReading => {
  const parsed = provisionAnswersSchema.safeParse(value);
  if (parsed.success) return { ok: true, answers: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, problem: `${where}: $${(issue?.path ?? []).map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('')}: ${issue?.message ?? 'not provision answers'}` };
};
