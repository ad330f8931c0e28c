import path from 'node:path';

/**
 * Where a packaged terminal keeps its config: `--config=<file>` wins, then `KIOSK_CONFIG`, then the system path
 * (`/etc/gov-service-kiosk/terminal.json`, or ProgramData on Windows). Both shells' production entries use it.
 */
export const defaultConfigFile = (env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string =>
  env['KIOSK_CONFIG'] ??
  (platform === 'win32'
    ? path.win32.join(env['ProgramData'] ?? 'C:\\ProgramData', 'gov-service-kiosk', 'terminal.json')
    : '/etc/gov-service-kiosk/terminal.json');
