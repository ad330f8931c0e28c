import path from 'node:path';

/**
 * The terminal's OS session, as shipped files (`os/` beside this file) and where each is installed: the kiosk's
 * users and directories, the host's, out-of-service and screen units, the device rules, the sudo rule and the
 * launcher that run Chromium as the screen's user. Installed at the paths a Debian package would own, so that
 * `kioskctl lockdown install` and the package (a later issue) put the same file in the same place.
 * docs/terminal-os-session.md says what each is for.
 */
export interface OsSessionPiece {
  /** The name `kioskctl lockdown status` reports. */
  readonly piece: string;
  /** The shipped file, relative to `os/`. */
  readonly shipped: string;
  /** Where it is installed, relative to the root. */
  readonly installed: string;
  /** Its mode once installed: sudo ignores a sudoers file that others may write, the launcher must be executable. */
  readonly mode: number;
}

export const OS_SESSION_DIR = path.join(import.meta.dirname, 'os');

export const OS_SESSION_PIECES: readonly OsSessionPiece[] = [
  { piece: 'sysusers', shipped: 'sysusers.d/gov-service-kiosk.conf', installed: '/usr/lib/sysusers.d/gov-service-kiosk.conf', mode: 0o644 },
  { piece: 'tmpfiles', shipped: 'tmpfiles.d/gov-service-kiosk.conf', installed: '/usr/lib/tmpfiles.d/gov-service-kiosk.conf', mode: 0o644 },
  { piece: 'host-unit', shipped: 'systemd/gov-service-kiosk.service', installed: '/usr/lib/systemd/system/gov-service-kiosk.service', mode: 0o644 },
  {
    piece: 'out-of-service-unit',
    shipped: 'systemd/gov-service-kiosk-out-of-service.service',
    installed: '/usr/lib/systemd/system/gov-service-kiosk-out-of-service.service',
    mode: 0o644,
  },
  {
    piece: 'session-unit',
    shipped: 'systemd/gov-service-kiosk-session.service',
    installed: '/usr/lib/systemd/system/gov-service-kiosk-session.service',
    mode: 0o644,
  },
  {
    piece: 'electron-session-unit',
    shipped: 'systemd/gov-service-kiosk-electron-session.service',
    installed: '/usr/lib/systemd/system/gov-service-kiosk-electron-session.service',
    mode: 0o644,
  },
  { piece: 'udev-rules', shipped: 'udev/70-gov-service-kiosk.rules', installed: '/usr/lib/udev/rules.d/70-gov-service-kiosk.rules', mode: 0o644 },
  { piece: 'sudoers', shipped: 'sudoers.d/gov-service-kiosk', installed: '/etc/sudoers.d/gov-service-kiosk', mode: 0o440 },
  { piece: 'chromium-launcher', shipped: 'bin/kiosk-chromium', installed: '/usr/lib/gov-service-kiosk/bin/kiosk-chromium', mode: 0o755 },
];

export const shippedFile = (piece: OsSessionPiece): string => path.join(OS_SESSION_DIR, piece.shipped);

export const installedFile = (piece: OsSessionPiece, root = '/'): string => path.join(root, piece.installed);

/** The one piece of that name (for the units and files other code names: the launcher, the sudo rule …). */
export const osSessionPiece = (name: string): OsSessionPiece => {
  const found = OS_SESSION_PIECES.find((piece) => piece.piece === name);
  if (found === undefined) throw new Error(`no OS session piece is called ${name}`);
  return found;
};

/** Where the host finds the launcher, and the user it runs Chromium as (the sudo rule allows exactly this). */
export const KIOSK_CHROMIUM_LAUNCHER = '/usr/lib/gov-service-kiosk/bin/kiosk-chromium';
export const KIOSK_UI_USER = 'gov-kiosk-ui';
/** The user the host runs as (sysusers.d): its data directory and the staff file are its own. */
export const KIOSK_HOST_USER = 'gov-kiosk';

/**
 * How the host (gov-kiosk) starts the kiosk's Chromium as the screen's user: every Chromium flag but
 * --user-data-dir, which the launcher chooses (and wipes) itself. Only DISPLAY and WAYLAND_DISPLAY cross sudo.
 */
export const sudoChromiumCommand = (chromiumFlags: readonly string[], user = KIOSK_UI_USER): { command: string; args: string[] } => ({
  command: 'sudo',
  args: ['--non-interactive', `--user=${user}`, '--', KIOSK_CHROMIUM_LAUNCHER, ...chromiumFlags],
});
