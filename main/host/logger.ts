import { pino, type DestinationStream, type Logger } from 'pino';
import { LOG_CENSOR, LOG_REDACTION_PATHS } from './log-redaction.ts';

/**
 * Structured logs, one JSON event per line on stderr (stdout belongs to the launcher's messages).
 * Never a citizen's name, ID number, address or photo: log-redaction.ts's paths are censored should a caller slip.
 */
export const createLogger = (
  level: string = process.env['KIOSK_LOG_LEVEL'] ?? 'info',
  destination: DestinationStream = pino.destination({ fd: 2, sync: false }),
): Logger =>
  pino(
    {
      level,
      base: { app: 'kiosk-host' },
      redact: { paths: [...LOG_REDACTION_PATHS], censor: LOG_CENSOR },
    },
    destination,
  );
