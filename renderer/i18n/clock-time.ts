/** A time of day as people read it in their language ("14:05"), for "locked until …" and "kept until …". */
export const clockTime = (iso: string, locale: string): string =>
  new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
