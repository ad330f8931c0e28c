import { z } from 'zod';

/**
 * Staff maintenance mode on any terminal (docs/maintenance.md): the staff accounts file (written by `kioskctl staff
 * add`, so the config travels without password hashes), how long a staff session lasts unused, and the lockout
 * against guessing passwords. A terminal with lockers may still name its accounts in `lockers.staffAccounts`, as
 * before; a terminal without lockers names them here.
 */
/** Failed staff sign-ins before a lock: of one account, and at this terminal whatever the id; locked this long. */
export const staffLockoutSchema = z
  .object({
    perAccount: z.number().int().min(3).max(20).default(5),
    perTerminal: z.number().int().min(3).max(200).default(20),
    minutes: z.number().int().min(1).max(1440).default(15),
  })
  .strict()
  .default({ perAccount: 5, perTerminal: 20, minutes: 15 });

export const staffSchema = z
  .object({
    /** The staff accounts file; relative to the config file. */
    accounts: z.string().min(1),
    /** A staff session unused this long has ended. */
    idleMinutes: z.number().int().min(1).max(60).default(5),
    /** Failed staff sign-ins before a lock: of one account, and at this terminal whatever the id; locked this long. */
    lockout: staffLockoutSchema,
  })
  .strict();

export type StaffConfig = z.infer<typeof staffSchema>;

/**
 * Who may sign in at this terminal, and how: the `staff` section, else the lockers' staff settings; null on a
 * terminal that has neither (no maintenance mode there).
 */
export const staffSettingsOf = (config: { staff?: StaffConfig | undefined; lockers?: { staffAccounts: string; staffIdleMinutes: number; staffLockout: StaffConfig['lockout'] } | undefined }): StaffConfig | null => {
  if (config.staff !== undefined) return config.staff;
  if (config.lockers === undefined) return null;
  return { accounts: config.lockers.staffAccounts, idleMinutes: config.lockers.staffIdleMinutes, lockout: config.lockers.staffLockout };
};
