/**
 * architecture.md: codecs import nothing at all, bytes in, values out. Every file of a device room is declared
 * here as a codec (pure: it imports only codec files of its own room or of drivers/clock, and the few byte-
 * transforming packages below) or as a driver file (it needs a transport, events, time, a process). A file
 * declared as neither fails the check.
 */
export interface DeviceRoomFiles {
  codecs: readonly string[];
  drivers: readonly string[];
}

/** Pure byte transforms a codec may use: text encodings, PNG decoding, QR matrices. */
export const CODEC_PACKAGES: readonly string[] = ['iconv-lite', 'pngjs', 'qrcode'];

export const DEVICE_FILES: Readonly<Record<string, DeviceRoomFiles>> = {
  'drivers/idcard': {
    codecs: [
      'drivers/idcard/id-card-error.ts',
      'drivers/idcard/id-card.ts',
      'drivers/idcard/id-text.ts',
      'drivers/idcard/nations.ts',
      'drivers/idcard/read-response.ts',
      'drivers/idcard/reader-errors.ts',
      'drivers/idcard/sam-deframer.ts',
      'drivers/idcard/sam-frame.ts',
      'drivers/idcard/sam-status.ts',
      'drivers/idcard/ucs2-field.ts',
    ],
    drivers: ['drivers/idcard/id-card-reader.ts', 'drivers/idcard/photo-decoder.ts'],
  },
  'drivers/printer': {
    codecs: [
      'drivers/printer/escpos-decoder.ts',
      'drivers/printer/escpos-encoder.ts',
      'drivers/printer/printer-errors.ts',
      'drivers/printer/printer-status.ts',
      'drivers/printer/printer-text.ts',
      'drivers/printer/raster-from-png.ts',
      'drivers/printer/receipt-layout.ts',
      'drivers/printer/receipt-svg.ts',
    ],
    drivers: ['drivers/printer/receipt-printer.ts'],
  },
  'drivers/locker': {
    codecs: [
      'drivers/locker/board-protocols.ts',
      'drivers/locker/door-sensor.ts',
      'drivers/locker/frame-checksums.ts',
      'drivers/locker/generic-8a-commands.ts',
      'drivers/locker/generic-8a-replies.ts',
      'drivers/locker/kerong-cu16-commands.ts',
      'drivers/locker/kerong-cu16-replies.ts',
      'drivers/locker/kerong-cu48-commands.ts',
      'drivers/locker/kerong-cu48-replies.ts',
      'drivers/locker/locker-deframer.ts',
      'drivers/locker/locker-protocol-error.ts',
      'drivers/locker/status-bitmap.ts',
    ],
    drivers: ['drivers/locker/locker-bus.ts'],
  },
  'drivers/scanner': {
    codecs: ['drivers/scanner/code-content.ts', 'drivers/scanner/code-line-framer.ts', 'drivers/scanner/hid-pos-report.ts'],
    drivers: [
      'drivers/scanner/hid-pos-scanner.ts',
      'drivers/scanner/keyboard-wedge-scanner.ts',
      'drivers/scanner/sane-device-list.ts',
      'drivers/scanner/sane-sheet-scanner.ts',
      'drivers/scanner/scanner.ts',
      'drivers/scanner/serial-scanner.ts',
      'drivers/scanner/sheet-scanner.ts',
    ],
  },
  'drivers/clock': {
    codecs: ['drivers/clock/driver-clock.ts'],
    drivers: [],
  },
};

/**
 * Files another branch is adding or removing right now. The check tells whoever merges when an entry is done:
 * a file "being added" that exists, or one "being removed" that is gone, fails until its entry is dropped here.
 */
export const PENDING_FILES: Readonly<Record<string, { state: 'being added' | 'being removed'; by: string }>> = {};

const allCodecs = new Set(Object.values(DEVICE_FILES).flatMap((room) => room.codecs));
const allDrivers = new Set(Object.values(DEVICE_FILES).flatMap((room) => room.drivers));

export const isCodecFile = (file: string): boolean => allCodecs.has(file);
export const isDeviceFileDeclared = (file: string): boolean => allCodecs.has(file) || allDrivers.has(file);
/** The device room a file is under, if any. */
export const deviceRoomOf = (file: string): string | undefined =>
  Object.keys(DEVICE_FILES).find((room) => file.startsWith(`${room}/`));
