/** Times as staff read them in the screen's language: "14:05" for a lockout, "11月9日 14:05" for keeping until. */
export const timeOfDay = (iso: string, locale: string): string =>
  new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));

export const dayAndTime = (iso: string, locale: string): string =>
  new Intl.DateTimeFormat(locale, { month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
