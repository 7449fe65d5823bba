/** The link completion funnel as rows for the chart, the table and the CSV export: words and numbers via Intl. */
import type { Funnel, FunnelFigures } from '@shared/domain/funnel';
import { toCsv, type CsvColumns } from '@renderer/lib/csv';

export const completionBreakdowns = ['all', 'platform', 'person'] as const;
export type CompletionBreakdown = (typeof completionBreakdowns)[number];
export const breakdownLabels: Record<CompletionBreakdown, string> = {
  all: 'All',
  platform: 'Platform',
  person: 'Person',
};

/** One row of the table (and one group of bars): a week, a platform or a person. */
export interface CompletionRow extends FunnelFigures {
  key: string;
  /** As people read it: "9 Mar", "Xero", "alice". */
  label: string;
  /** As a spreadsheet reads it: the week's Monday as `2026-03-09`, or the name. */
  csvLabel: string;
  /** The week in progress. */
  current: boolean;
}

/** "9 Mar", the Monday a week starts on (a local date already: formatted in UTC so that it stays that date). */
export function weekLabel(startDate: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    Date.parse(`${startDate}T00:00:00Z`),
  );
}

export function completionRows(funnel: Funnel, breakdown: CompletionBreakdown, locale?: string): CompletionRow[] {
  if (breakdown === 'all') {
    return funnel.weeks.map(({ startDate, start: _start, end: _end, current, ...figures }) => ({
      key: startDate,
      label: weekLabel(startDate, locale),
      csvLabel: startDate,
      current,
      ...figures,
    }));
  }
  return (breakdown === 'platform' ? funnel.byPlatform : funnel.byPerson).map(({ name, ...figures }) => ({
    key: name,
    label: name,
    csvLabel: name,
    current: false,
    ...figures,
  }));
}

/** The header of the table's first column. */
export function rowHeader(breakdown: CompletionBreakdown): string {
  return breakdown === 'all' ? 'Week starting' : breakdownLabels[breakdown];
}

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
const dayMs = 24 * hourMs;

/**
 * "3 hr 20 min", "2 days 4 hr", "45 min", "20 sec" (in the user's locale): the two largest units, rounded to the
 * smaller one.
 */
export function formatDuration(ms: number, locale?: string): string {
  const unit = (name: 'second' | 'minute' | 'hour' | 'day', value: number) =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: name === 'day' ? 'long' : 'short' }).format(
      value,
    );
  const list = (parts: string[]) =>
    new Intl.ListFormat(locale, { type: 'unit', style: 'narrow' }).format(parts.filter((part) => part !== ''));
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return unit('second', seconds);
  const minutes = Math.round(ms / minuteMs);
  if (minutes < 60) return unit('minute', minutes);
  if (ms < dayMs - 30_000) {
    const hours = Math.floor(minutes / 60);
    return list([unit('hour', hours), minutes % 60 === 0 ? '' : unit('minute', minutes % 60)]);
  }
  const hours = Math.round(ms / hourMs);
  const days = Math.floor(hours / 24);
  return list([unit('day', days), hours % 24 === 0 ? '' : unit('hour', hours % 24)]);
}

export function formatRate(rate: number | null, locale?: string): string {
  return rate === null
    ? '–'
    : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(rate);
}

export function formatMedian(ms: number | null, locale?: string): string {
  return ms === null ? '–' : formatDuration(ms, locale);
}

const percent = (rate: number | null) => (rate === null ? '' : Math.round(rate * 1000) / 10);
const minutes = (ms: number | null) => (ms === null ? '' : Math.round(ms / minuteMs));

/** The rows as shown (without the total), numbers as numbers: percentages and whole minutes. */
export function completionCsv(
  rows: readonly CompletionRow[],
  breakdown: CompletionBreakdown,
  timeZone: string,
): string {
  const columns: CsvColumns<CompletionRow> = [
    [breakdown === 'all' ? `Week starting (Monday, ${timeZone})` : breakdownLabels[breakdown], (row) => row.csvLabel],
    ['Handed over', (row) => row.handedOver],
    ['Linked', (row) => row.linked],
    ['Linked (% of handed over)', (row) => percent(row.linkedRate)],
    ['First sync complete', (row) => row.synced],
    ['First sync complete (% of handed over)', (row) => percent(row.syncedRate)],
    ['Median time to link (minutes)', (row) => minutes(row.medianToLinkMs)],
    ['Median time to first sync (minutes)', (row) => minutes(row.medianToSyncMs)],
  ];
  return toCsv(columns, rows);
}
