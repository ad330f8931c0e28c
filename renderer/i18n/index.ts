import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../../main/api/index.ts';
import zhCN from './locales/zh-CN.json';
import en from './locales/en.json';

/** Every string on screen is a key in these files; zh-CN is the language of record and the fallback. */
export const resources = { 'zh-CN': { translation: zhCN }, en: { translation: en } } as const;

export const initI18n = async (locale: Locale = 'zh-CN') => {
  await i18next.use(initReactI18next).init({
    resources,
    lng: locale,
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
};

export const setDocumentLanguage = async (locale: Locale) => {
  if (i18next.language !== locale) await i18next.changeLanguage(locale);
  document.documentElement.lang = locale;
};
