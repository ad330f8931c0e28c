/** Times as people read them in the screen's language: "14:05" for "locked until …" … */
export const clockTime = (iso: string, locale: string): string =>
  new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));

/** … and "11月9日 14:05" for when an item was placed and how long it is kept. */
export const dayAndTime = (iso: string, locale: string): string =>
  new Intl.DateTimeFormat(locale, { month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
