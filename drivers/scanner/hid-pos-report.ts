/**
 * HID Point of Sale input reports (usage page 0x8C, scanners.md §1.3), in the one documented layout (Newland
 * FM430): byte 0 the report ID (0x02 for scanned data), byte 1 the data length, then up to 56 data bytes. A code
 * longer than one report comes in several, each full one but the last. UNCERTAIN for other vendors (Honeywell
 * and Zebra may put an AIM symbology identifier first): check each model's manual. Pure, never throws.
 */

/** HID Point of Sale: usage page 0x8C (scanners.md §1.3). */
export const HID_POS_USAGE_PAGE = 0x8c;
const SCANNED_DATA_REPORT_ID = 0x02;
/** Data bytes in one report (bytes 2-57 of the Newland FM430 layout). */
export const HID_POS_REPORT_DATA_BYTES = 56;

export type HidPosReport =
  /** Part of a code; `more` when the report was full, so the rest of a long code may follow. */
  | { kind: 'scanned-data'; bytes: Uint8Array; more: boolean }
  /** An attribute or settings report: no code in it. */
  | { kind: 'other'; reportId: number }
  | { kind: 'malformed'; reason: string };

export const decodeHidPosReport = (report: Uint8Array): HidPosReport => {
  const reportId = report[0];
  if (reportId === undefined) return { kind: 'malformed', reason: 'an empty HID-POS report' };
  if (reportId !== SCANNED_DATA_REPORT_ID) return { kind: 'other', reportId };
  const length = report[1] ?? 0;
  if (length === 0 || length > HID_POS_REPORT_DATA_BYTES || report.length < 2 + length) {
    return { kind: 'malformed', reason: `malformed HID-POS report (length ${length} in a report of ${report.length} bytes)` };
  }
  return { kind: 'scanned-data', bytes: report.slice(2, 2 + length), more: length === HID_POS_REPORT_DATA_BYTES };
};
