import { pino, type Logger } from 'pino';

/**
 * Structured logs, one JSON event per line on stderr (stdout belongs to the launcher's messages).
 * Never a citizen's name, ID number, address or photo: the paths below are censored should a caller slip.
 */
export const createLogger = (level: string = process.env['KIOSK_LOG_LEVEL'] ?? 'info'): Logger =>
  pino(
    {
      level,
      base: { app: 'kiosk-host' },
      redact: {
        paths: ['*.name', '*.idNumber', '*.address', '*.photo', 'identity', '*.identity'],
        censor: '[personal data]',
      },
    },
    pino.destination({ fd: 2, sync: false }),
  );
