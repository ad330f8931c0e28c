import { pino, type Logger } from 'pino';

/** A real pino logger that writes nothing, for code under test that logs. */
export const silentLog = (): Logger => pino({ level: 'silent' });
