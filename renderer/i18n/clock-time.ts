/**
 * Times as the hall reads them: in the hall's time zone from the terminal's config (set once the host has said
 * hello), never the machine's own zone (UTC on a fresh Debian), and in the screen's language.
 */
let hallTimeZone = 'Asia/Shanghai';

export const setHallTimeZone = (timeZone: string): void => {
  hallTimeZone = timeZone;
};

/** "14:05" for "locked until …" … */
export const clockTime = (iso: string, locale: string): string =>
  new Intl.DateTimeFormat(locale, { timeZone: hallTimeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));

/** … and "11月9日 14:05" for when an item was placed and how long it is kept. */
export const dayAndTime = (iso: string, locale: string): string =>
  new Intl.DateTimeFormat(locale, { timeZone: hallTimeZone, month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
