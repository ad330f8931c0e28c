/**
 * The Debian control file of the browser-shell terminal's package (scripts/package-deb.ts). What it depends on, and
 * why: chromium draws the kiosk (its managed policy is in the package), cage is the screen's Wayland session, sudo
 * starts Chromium as the screen's user, systemd runs the units and makes the users and directories (sysusers,
 * tmpfiles), udev gives the devices their group, socat makes the simulators' pseudo-terminals (kioskctl … simulate),
 * sane-utils drives sheet scanners, libusb and libudev are loaded by node-hid's prebuilt binary, and the CJK fonts keep
 * Chinese from rendering as boxes. The pinned Node ships inside the package, so nodejs is not a dependency.
 */
export const DEB_DEPENDS = [
  'chromium',
  'cage',
  'sudo',
  'systemd',
  'udev',
  'socat',
  'sane-utils',
  'libusb-1.0-0',
  'libudev1',
  'fonts-noto-cjk',
  'libc6',
  'libstdc++6',
  'libgcc-s1',
] as const;

export const debControl = ({ version, arch, installedKilobytes, description }: { version: string; arch: string; installedKilobytes: number; description: string }): string =>
  [
    'Package: gov-service-kiosk',
    `Version: ${version}`,
    `Architecture: ${arch}`,
    'Maintainer: Kiosk project <kiosk@example.org>',
    `Installed-Size: ${installedKilobytes}`,
    `Depends: ${DEB_DEPENDS.join(', ')}`,
    'Section: misc',
    'Priority: optional',
    'Homepage: https://gov-service-kiosk.example',
    `Description: ${description}`,
    ' The browser-shell terminal: the host (devices, citizen sessions, the outbox, the',
    ' platform client) on its own Node 24, the kiosk page in Debian\'s Chromium, locked',
    ' down (systemd units, udev rules, a sudo rule, a managed Chromium policy), and',
    ' kioskctl, the technician\'s command line.',
    '',
  ].join('\n');
