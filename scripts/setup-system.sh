#!/bin/sh
# Installs the Debian packages the kiosk needs to run and be tested: Chromium (the browser shell and the
# e2e suite), CJK fonts (without them Chinese renders as boxes), socat (pseudo-terminal pairs for device
# simulators), libusb and libudev (loaded by node-hid's prebuilt binaries), SANE's scanimage (sheet scanners; its
# test device stands in for one in the tests), Xvfb, xdotool and xwininfo (the kiosk window's lockdown is tested
# under a virtual X display, with real key and pointer events), sudo (its visudo checks the shipped sudoers rule; on a
# terminal the host starts Chromium as the UI user through it) and cage (the terminal's Wayland session; the shipped
# units name it, and systemd-analyze verify checks that what they run exists), Debian's python3 (a NOTIFY_SOCKET that
# receives the host's watchdog pings as systemd does), mosquitto (the MQTT broker the fleet's integration tests run the
# terminal against, as an operator's broker would be). Idempotent: does nothing when everything is present; used by `npm start`, `npm test` and .ci/run.
set -eu

need=""
command -v chromium >/dev/null 2>&1 || need="$need chromium"
[ -n "$(ls /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc 2>/dev/null)" ] || need="$need fonts-noto-cjk"
command -v socat >/dev/null 2>&1 || need="$need socat"
command -v scanimage >/dev/null 2>&1 || need="$need sane-utils"
command -v Xvfb >/dev/null 2>&1 || need="$need xvfb"
command -v xdotool >/dev/null 2>&1 || need="$need xdotool"
command -v xwininfo >/dev/null 2>&1 || need="$need x11-utils"
[ -x /usr/sbin/visudo ] || need="$need sudo"
[ -x /usr/bin/python3 ] || need="$need python3-minimal"
command -v cage >/dev/null 2>&1 || need="$need cage"
command -v openssl >/dev/null 2>&1 || need="$need openssl"
[ -x /usr/sbin/mosquitto ] || need="$need mosquitto"
has_lib() {
  for candidate in /lib/*/"$1" /usr/lib/*/"$1" /lib/"$1" /usr/lib/"$1"; do
    [ -e "$candidate" ] && return 0
  done
  return 1
}
has_lib libusb-1.0.so.0 || need="$need libusb-1.0-0"
has_lib libudev.so.1 || need="$need libudev1"

[ -z "$need" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup: please install:$need (this is not a Debian-like system, so it cannot be done for you)" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "setup: installing$need needs root: run as root or install sudo" >&2
    exit 1
  fi
fi
echo "setup: installing$need"
export DEBIAN_FRONTEND=noninteractive
# A stale package index makes installs fail on a fresh machine; refresh it when older than a day.
if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mtime -1 2>/dev/null | head -n 1)" ]; then
  $sudo apt-get update -qq
fi
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $need >/dev/null
echo "setup: done"
