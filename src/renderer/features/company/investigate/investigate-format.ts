/** Words, icons and tones for the investigation panels: severities, durations, timeline tones, Codat's times. */
import { Circle, CircleCheck, CircleX, Clock, Info, OctagonAlert, TriangleAlert, type LucideIcon } from 'lucide-react';
import { isKnownDataType, type DataType, type Extensible, type PullStatus } from '@shared/codat/schemas';
import { isPullInProgress } from '@shared/codat/status';
import type { TimelineEvent } from '@shared/contract';
import type { Severity } from '@shared/domain/health/model';
import type { Tone } from '@renderer/components/status/tone';
import { formatDateTime } from '@renderer/lib/format';
import { ageInWords } from '@renderer/lib/format';

export const severityLooks: Record<Severity, { tone: Tone; Icon: LucideIcon; word: string }> = {
  critical: { tone: 'error', Icon: OctagonAlert, word: 'Critical' },
  warning: { tone: 'pending', Icon: TriangleAlert, word: 'Warning' },
  info: { tone: 'neutral', Icon: Info, word: 'Info' },
};

export const timelineToneLooks: Record<TimelineEvent['tone'], { tone: Tone; Icon: LucideIcon; word: string }> = {
  good: { tone: 'linked', Icon: CircleCheck, word: 'Good' },
  bad: { tone: 'error', Icon: CircleX, word: 'Problem' },
  // A past event does not spin: the clock says "was under way" without looking live.
  progress: { tone: 'pending', Icon: Clock, word: 'In progress' },
  neutral: { tone: 'neutral', Icon: Circle, word: 'Event' },
};

export function isDataType(value: string): value is DataType {
  return isKnownDataType(value);
}

/** Codat ids are UUIDs: those are the values worth a copy button. */
export function isCodatId(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** Codat sometimes sends zone-less times; they are UTC. */
export function parseCodatTime(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const time = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`);
  return Number.isNaN(time) ? null : time;
}

/** "under a second", "12 seconds", "3 minutes 5 seconds", "2 hours 10 minutes", "3 days 4 hours". */
export function durationInWords(ms: number): string {
  if (ms < 1000) return 'under a second';
  const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return plural(seconds, 'second');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60)
    return [plural(minutes, 'minute'), seconds % 60 ? plural(seconds % 60, 'second') : ''].join(' ').trim();
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return [plural(hours, 'hour'), minutes % 60 ? plural(minutes % 60, 'minute') : ''].join(' ').trim();
  const days = Math.floor(hours / 24);
  return [plural(days, 'day'), hours % 24 ? plural(hours % 24, 'hour') : ''].join(' ').trim();
}

/** How long a pull took, or has been running so far; a dash when it ended without a completion time. */
export function pullDuration(
  pull: { status: Extensible<PullStatus>; requested: string; completed?: string | undefined },
  now: number,
): string {
  const start = parseCodatTime(pull.requested);
  if (start === null) return '—';
  const end = parseCodatTime(pull.completed);
  if (end !== null) return durationInWords(Math.max(0, end - start));
  return isPullInProgress(pull.status) ? `${durationInWords(Math.max(0, now - start))} so far` : '—';
}

/** "12 s ago", "3 min ago", "5 hours ago", read as UTC when Codat leaves the zone off. */
export function relativeTime(iso: string, now: number): string {
  const time = parseCodatTime(iso);
  return time === null ? iso : ageInWords(time, now);
}

/** The exact local time, for hover and for the pull dialog. */
export function exactTime(iso: string): string {
  const time = parseCodatTime(iso);
  return time === null ? iso : formatDateTime(new Date(time).toISOString());
}
