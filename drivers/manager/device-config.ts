import { z } from 'zod';
import { deviceIdSchema } from './device-id.ts';
import { lockerBusSchema } from './locker-bus-config.ts';

/**
 * The devices of a terminal as its config names and wires them: the schemas the terminal config (main/config) is
 * built from and the device manager builds devices from. Each device kind adds its own settings.
 */

export const serialConnectionSchema = z
  .object({
    type: z.literal('serial'),
    path: z.string().min(1),
    baudRate: z.number().int().positive().default(115200),
  })
  .strict();

const hidConnectionSchema = z
  .object({
    type: z.literal('hid'),
    vendorId: z.number().int().min(0).max(0xffff),
    productId: z.number().int().min(0).max(0xffff),
  })
  .strict();

const usbPrinterConnectionSchema = z
  .object({ type: z.literal('usb-printer'), path: z.string().startsWith('/dev/usb/lp') })
  .strict();

export const deviceKindSchema = z.enum(['idcard-reader', 'receipt-printer', 'qr-scanner', 'locker-bus', 'document-scanner']);

const deviceId = deviceIdSchema;
export const connectionSchema = z.discriminatedUnion('type', [serialConnectionSchema, hidConnectionSchema, usbPrinterConnectionSchema]);

/** A second-generation ID card reader (GA 467 SAM) on serial or USB-HID. */
const idcardReaderSchema = z
  .object({
    id: deviceId,
    kind: z.literal('idcard-reader'),
    connection: z.discriminatedUnion('type', [serialConnectionSchema, hidConnectionSchema]),
    /** text: 30 01 (text + photo); text-fingerprint: 30 10, for terminals with a certified fingerprint matcher. */
    readCommand: z.enum(['text', 'text-fingerprint']).default('text'),
    /**
     * The reader vendor's licensed WLT photo decoder, run as a helper process (WLT on stdin, BMP/PNG/JPEG on
     * stdout). Without one the kiosk works and shows no photo.
     */
    photoDecoder: z
      .object({
        command: z.string().min(1),
        args: z.array(z.string()).default([]),
        timeoutMs: z.number().int().min(100).max(30_000).default(3000),
      })
      .strict()
      .optional(),
  })
  .strict();

/** A QR/barcode scanner: serial (or USB CDC-ACM), HID-POS, or a keyboard wedge typing into the page. */
const qrScannerSchema = z
  .object({
    id: deviceId,
    kind: z.literal('qr-scanner'),
    connection: z.discriminatedUnion('type', [serialConnectionSchema, hidConnectionSchema, z.object({ type: z.literal('keyboard') }).strict()]),
    /** How a code's bytes become text: auto (UTF-8, else GB18030), utf-8 or gb18030. */
    encoding: z.enum(['auto', 'utf-8', 'gb18030']).default('auto'),
  })
  .strict();

/**
 * A document scanner for materials: a 高拍仪 (a UVC camera the page captures from) or a sheet scanner through SANE.
 * Pages are made at `dpi` (≥ 200; 300 for small print, DA/T 31), in colour, grey, or "auto" (colour when a page
 * has red seals or headers, else clean black and white), within size limits per page and per material's file.
 */
const documentScannerSchema = z
  .object({
    id: deviceId,
    kind: z.literal('document-scanner'),
    connection: z.discriminatedUnion('type', [
      z
        .object({
          type: z.literal('camera'),
          /** The camera's name as the system lists it (e.g. "Doccamera"); the first camera when not given. */
          label: z.string().min(1).max(200).optional(),
        })
        .strict(),
      z
        .object({
          type: z.literal('sane'),
          /** The SANE device name, as `scanimage -L` lists it. */
          device: z.string().min(1).max(200),
          source: z.enum(['flatbed', 'feeder']).default('flatbed'),
          /** Backend options passed on as they are (a model's own settings). */
          options: z.array(z.string().max(200)).max(20).default([]),
        })
        .strict(),
    ]),
    dpi: z.number().int().min(200).max(600).default(300),
    colour: z.enum(['auto', 'color', 'gray']).default('auto'),
    maxPageKilobytes: z.number().int().min(100).max(10_000).default(2048),
    maxFileKilobytes: z.number().int().min(200).max(50_000).default(10_240),
    maxPages: z.number().int().min(1).max(50).default(20),
    timeoutSeconds: z.number().int().min(5).max(600).default(120),
  })
  .strict();
export type DocumentScannerConfig = z.infer<typeof documentScannerSchema>;

/** Devices whose capability has not landed yet: their own settings arrive with it. */
const otherDeviceSchema = z
  .object({ id: deviceId, kind: deviceKindSchema.exclude(['idcard-reader', 'qr-scanner', 'document-scanner', 'locker-bus']), connection: connectionSchema })
  .strict();

export const deviceConfigSchema = z.discriminatedUnion('kind', [idcardReaderSchema, qrScannerSchema, documentScannerSchema, lockerBusSchema, otherDeviceSchema]);
export type DeviceConfig = z.infer<typeof deviceConfigSchema>;

/** How a device is wired: a serial line, USB-HID, or a USB printer's device file. */
export type DeviceConnection = z.infer<typeof connectionSchema>;
export type DeviceKind = z.infer<typeof deviceKindSchema>;
