import { z } from 'zod';
import { staffLockoutSchema } from './staff-config.ts';

/**
 * How the terminal's certificate lockers are run (main/lockers): who may work them (a staff accounts file of its
 * own, written by `kioskctl staff add`, so the config can travel without password hashes), how long an item is
 * kept for its recipient, and the lockouts against guessing pickup codes and staff passwords. The cabinets
 * themselves are the `locker-bus` devices.
 */
export const lockersSchema = z
  .object({
    /** The staff accounts file; relative to the config file. */
    staffAccounts: z.string().min(1),
    /** Days a certificate is kept for its recipient before staff are told to take it back (Taizhou: 7). */
    retentionDays: z.number().int().min(1).max(90).default(7),
    /** A staff session unused this long has ended. */
    staffIdleMinutes: z.number().int().min(1).max(60).default(5),
    /** Wrong pickup codes before a lock: of one recipient, and at this terminal whoever gives them; locked this long. */
    pickupLockout: z
      .object({
        perRecipient: z.number().int().min(3).max(20).default(5),
        /** A busy hall may raise this: every citizen's wrong codes count here. */
        perTerminal: z.number().int().min(3).max(100).default(5),
        minutes: z.number().int().min(1).max(1440).default(15),
      })
      .strict()
      .default({ perRecipient: 5, perTerminal: 5, minutes: 15 }),
    /** Failed staff sign-ins before a lock: of one account, and at this terminal whatever the id; locked this long. */
    staffLockout: staffLockoutSchema,
  })
  .strict();

export type LockersConfig = z.infer<typeof lockersSchema>;
