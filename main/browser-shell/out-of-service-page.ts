import { createHash } from 'node:crypto';
import type { Locale } from '../api/index.ts';
import type { TerminalConfig } from '../config/terminal-config.ts';

/** What the page says, in each language the kiosk speaks (a new locale cannot be added without its texts). */
const TEXTS: Readonly<Record<Locale, { title: string; body: string; hotline: (number: string) => string }>> = {
  'zh-CN': {
    title: '暂停服务',
    body: '本终端暂时无法使用，请使用其他终端，或联系现场工作人员。',
    hotline: (number) => `服务热线 ${number}`,
  },
  en: {
    title: 'Out of service',
    body: 'This terminal cannot be used right now. Please use another terminal, or ask the staff.',
    hotline: (number) => `Service hotline ${number}`,
  },
};

const escape = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

const STYLE =
  'html,body{margin:0;height:100%}body{display:grid;place-items:center;background:#0b3a6f;color:#fff;' +
  'font:40px/1.5 "Noto Sans CJK SC","Noto Sans SC",sans-serif;text-align:center}h1{font-size:64px;margin:0 0 24px}' +
  'p{margin:0 48px 16px}.hall{font-size:28px;opacity:.9}';

export interface OutOfServicePage {
  readonly html: string;
  /** Its own CSP: nothing but its one inline style, by hash. */
  readonly contentSecurityPolicy: string;
}

/**
 * The page the browser shell answers instead of the kiosk when a launch link is unknown, used or expired (or the
 * page is asked for without the launch's cookie): a kiosk screen in the terminal's language, never a bare
 * "forbidden". It has no script and links nowhere; the watchdog restarts the browser with a new link.
 */
export const outOfServicePage = (config: Pick<TerminalConfig, 'defaultLocale' | 'hallName' | 'receipt'>): OutOfServicePage => {
  const locale = config.defaultLocale;
  const texts = TEXTS[locale];
  const hall = config.hallName[locale] ?? Object.values(config.hallName)[0] ?? '';
  const html =
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escape(texts.title)}</title>` +
    `<style>${STYLE}</style></head><body><main><h1>${escape(texts.title)}</h1><p>${escape(texts.body)}</p>` +
    `<p>${escape(texts.hotline(config.receipt.hotline))}</p><p class="hall">${escape(hall)}</p></main></body></html>`;
  const styleHash = createHash('sha256').update(STYLE).digest('base64');
  return { html, contentSecurityPolicy: `default-src 'none'; style-src 'sha256-${styleHash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'` };
};
