import type { EventEmitter } from 'node:events';
import type { CodeEncoding } from './code-content.ts';

/** One code a scanner read: its text, the raw bytes, and how the text was decoded. */
export interface ScannedCode {
  text: string;
  bytes: Uint8Array;
  encoding: 'utf-8' | 'gb18030';
  /** Where it came from: "serial /dev/ttyACM0", "hid-pos 1eab:1d10", "keyboard". */
  source: string;
}

export type ScannerEvents = {
  code: [code: ScannedCode];
  /** Something was read that is not a code (too long, malformed report); the scanner goes on. */
  rejected: [reason: string];
  state: [connected: boolean];
};

/**
 * Every kind of QR/barcode scanner the kiosk drives: serial (CDC-ACM, RS-232), HID-POS, keyboard wedge. Screens
 * and services listen for `code`, and never know which kind is attached.
 */
export interface Scanner extends Pick<EventEmitter<ScannerEvents>, 'on' | 'off' | 'once'> {
  readonly description: string;
  readonly connected: boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface ScannerOptions {
  encoding?: CodeEncoding;
}
