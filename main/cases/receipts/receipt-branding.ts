import { readFile } from 'node:fs/promises';
import { rasterFromPng } from '../../../drivers/printer/raster-from-png.ts';
import type { PaperProfile } from '../../../drivers/printer/receipt-layout.ts';
import type { ReceiptBranding } from './receipt-frame.ts';

export interface ReceiptBrandingSettings {
  hallName: string;
  hotline: string;
  /** Path of a black-and-white PNG no wider than the paper. */
  logo?: string | undefined;
}

/** A terminal's receipt branding: the logo file is read and turned into a printer raster once. */
export const loadReceiptBranding = async (settings: ReceiptBrandingSettings, paper: PaperProfile): Promise<ReceiptBranding> => ({
  hallName: settings.hallName,
  hotline: settings.hotline,
  paper,
  logo: settings.logo === undefined ? undefined : rasterFromPng(await readFile(settings.logo), paper.dots),
});
