/**
 * Every size, colour and touch-target dimension on screen comes from these tokens, applied as CSS custom
 * properties on the document root. Elder mode (a later issue) is another token set switched at run time:
 * no component hard-codes a size or a colour.
 */
export interface ThemeTokens {
  fontFamily: string;
  fontSizeSmall: string;
  fontSizeBody: string;
  fontSizeTitle: string;
  fontSizeDisplay: string;
  lineHeight: string;
  /** The smallest touch target: WCAG 2.5.5 asks 44 CSS px; a standing adult at a kiosk needs more. */
  touchTargetMin: string;
  spacing: string;
  radius: string;
  focusRingWidth: string;
  colorBackground: string;
  colorSurface: string;
  colorText: string;
  colorTextMuted: string;
  colorPrimary: string;
  colorOnPrimary: string;
  colorBrand: string;
  colorOnBrand: string;
  colorWarning: string;
  colorOnWarning: string;
  colorBorder: string;
  colorFocusRing: string;
  colorBackdrop: string;
  /** On-screen keyboard keys: at least 60 px tall in every theme (a finger, often an older one, at arm's length). */
  keyboardKeyHeight: string;
  keyboardKeyFontSize: string;
  /** The numeric pad (ID and phone numbers): fewer keys, so bigger ones, in a narrower block. */
  numericKeyHeight: string;
  numericKeyFontSize: string;
  numericPadWidth: string;
  /** Chinese candidates above the keys: big enough to tell look-alike characters apart (张/涨, 浦/蒲). */
  candidateFontSize: string;
  signaturePadHeight: string;
  /** The handwriting box: one character, written big enough to be read, small enough to leave the keys in view. */
  handwritingPadSize: string;
  /** Maintenance mode: the widest its forms grow, and the narrowest a door's card in the door grid gets. */
  maintenanceFormWidth: string;
  doorCardMinWidth: string;
  /** The width of the ink on screen and in the signature image. */
  signatureInkWidth: string;
}

/** Contrast of every text/background pair here is at least 4.5:1 (checked by axe in the e2e suite). */
export const standardTheme: ThemeTokens = {
  fontFamily: '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif',
  fontSizeSmall: '20px',
  fontSizeBody: '24px',
  fontSizeTitle: '36px',
  fontSizeDisplay: '56px',
  lineHeight: '1.5',
  touchTargetMin: '72px',
  spacing: '16px',
  radius: '12px',
  focusRingWidth: '4px',
  colorBackground: '#f3f6fa',
  colorSurface: '#ffffff',
  colorText: '#1a1f29',
  colorTextMuted: '#475366',
  colorPrimary: '#0a58b5',
  colorOnPrimary: '#ffffff',
  colorBrand: '#0b3a6f',
  colorOnBrand: '#ffffff',
  colorWarning: '#8a4b00',
  colorOnWarning: '#ffffff',
  colorBorder: '#c5cfdc',
  colorFocusRing: '#ffb400',
  colorBackdrop: 'rgba(10, 20, 35, 0.72)',
  keyboardKeyHeight: '72px',
  keyboardKeyFontSize: '28px',
  numericKeyHeight: '88px',
  numericKeyFontSize: '40px',
  numericPadWidth: '560px',
  candidateFontSize: '36px',
  signaturePadHeight: '320px',
  handwritingPadSize: '220px',
  maintenanceFormWidth: '960px',
  doorCardMinWidth: '260px',
  signatureInkWidth: '4px',
};

const cssName = (token: string) => `--kiosk-${token.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;

/** The tokens as CSS custom properties: fontSizeBody → --kiosk-font-size-body. */
export const themeVariables = (tokens: ThemeTokens): Record<string, string> =>
  Object.fromEntries(Object.entries(tokens).map(([token, value]) => [cssName(token), value]));

export const applyTheme = (tokens: ThemeTokens, root: HTMLElement = document.documentElement) => {
  for (const [name, value] of Object.entries(themeVariables(tokens))) root.style.setProperty(name, value);
};
