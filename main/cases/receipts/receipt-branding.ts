import { readFile } from 'node:fs/promises';
import { rasterFromPng } from '../../../drivers/printer/raster-from-png.ts';
import { PAPER, type PaperProfile } from '../../../drivers/printer/receipt-layout.ts';
import type { ReceiptBranding } from './receipt-frame.ts';

export interface ReceiptBrandingSettings {
  hallName: string;
  hotline: string;
  /** The hall's time zone (IANA). */
  timeZone: string;
  /** Path of a black-and-white PNG no wider than the paper. */
  logo?: string | undefined;
}

/** A terminal's receipt branding: the logo file is read and turned into a printer raster once. */
export const loadReceiptBranding = async (settings: ReceiptBrandingSettings, paper: PaperProfile): Promise<ReceiptBranding> => ({
  hallName: settings.hallName,
  hotline: settings.hotline,
  timeZone: settings.timeZone,
  paper,
  logo: settings.logo === undefined ? undefined : rasterFromPng(await readFile(settings.logo), paper.dots),
});

/**
 * A terminal's branding, loaded on first use and kept: a logo that cannot be used is reported once, and receipts
 * print without it rather than not at all.
 */
export const terminalReceiptBranding = (
  settings: ReceiptBrandingSettings & { paper: PaperProfile['name'] },
  onLogoUnusable: (error: unknown) => void,
): (() => Promise<ReceiptBranding>) => {
  let branding: Promise<ReceiptBranding> | null = null;
  const paper = PAPER[settings.paper];
  const { hallName, hotline, timeZone } = settings;
  return () =>
    (branding ??= loadReceiptBranding(settings, paper).catch((error: unknown) => {
      onLogoUnusable(error);
      return loadReceiptBranding({ hallName, hotline, timeZone }, paper);
    }));
};
