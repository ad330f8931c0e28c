import { z } from 'zod';

/** Locales the kiosk ships resources for. zh-CN is the default of every terminal unless configured. */
export const localeSchema = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof localeSchema>;
export const SUPPORTED_LOCALES: readonly Locale[] = localeSchema.options;

/** A text given per locale; zh-CN is always present because it is the language of record. */
export const localizedTextSchema = z
  .object({ 'zh-CN': z.string().min(1).max(120), en: z.string().min(1).max(160).optional() })
  .strict();
export type LocalizedText = z.infer<typeof localizedTextSchema>;
