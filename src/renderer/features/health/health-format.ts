/** Numbers and times as the Health page words them. */
export const numberFormat = new Intl.NumberFormat();
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const dayAndTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "1 company", "1,240 companies" */
export function countOf(value: number, one: string, many: string): string {
  return `${numberFormat.format(value)} ${value === 1 ? one : many}`;
}

/** "14:03" today; with the date on any other day, so an old scan never passes for today's. */
export function scanTime(iso: string, now = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toDateString() === now.toDateString() ? timeOnly.format(date) : dayAndTime.format(date);
}
