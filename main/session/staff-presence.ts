/** Whether staff are on site: always, never (a hall empty at night), or between two times of day, read in `timeZone`. */
export type StaffOnSite = 'always' | 'never' | { readonly from: string; readonly to: string };

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The time of day at `at` in `timeZone`, in minutes since midnight there. */
const minutesInZone = (at: Date, timeZone: string): number => {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return value('hour') * 60 + value('minute');
};

/**
 * Whether staff are on site at `at`. A window is from `from` (included) to `to` (excluded); one whose `to` is
 * earlier than its `from` runs past midnight (a night shift, 21:00–07:00); `from` equal to `to` is all day.
 */
export const staffOnSiteAt = (setting: StaffOnSite, at: Date, timeZone: string): boolean => {
  if (setting === 'always') return true;
  if (setting === 'never') return false;
  const now = minutesInZone(at, timeZone);
  const from = minutesOf(setting.from);
  const to = minutesOf(setting.to);
  if (from === to) return true;
  return from < to ? now >= from && now < to : now >= from || now < to;
};
