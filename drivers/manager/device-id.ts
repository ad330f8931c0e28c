import { z } from 'zod';

/** A device's name in a terminal config, as logs and the fleet page show it. */
export const deviceIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'lower-case letters, digits and dashes, at most 32');
