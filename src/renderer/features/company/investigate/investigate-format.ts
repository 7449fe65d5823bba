/** Words, icons and tones for the investigation panels: pull statuses, severities, durations, timeline tones. */
import {
  Ban,
  Circle,
  CircleCheck,
  CircleHelp,
  CircleMinus,
  CircleX,
  Clock,
  Info,
  LoaderCircle,
  OctagonAlert,
  TriangleAlert,
  type LucideIcon,
} from 'lucide-react';
import {
  isKnownDataType,
  isKnownPullStatus,
  type DataType,
  type Extensible,
  type PullStatus,
} from '@shared/codat/schemas';
import { isPullErrored, isPullInProgress } from '@shared/codat/status';
import type { TimelineEvent } from '@shared/contract';
import type { Severity } from '@shared/domain/health';
import { formatDateTime } from '@renderer/lib/format';
import { ageInWords } from '../company-format';

/** The same four tones the connection chips use, so a colour means the same thing everywhere. */
export type Tone = 'linked' | 'pending' | 'error' | 'neutral';

/** `unknown`: a status Codat added after this version of Linkdesk, shown as Codat sent it. */
export type PullState = 'in_progress' | 'complete' | 'failed' | 'not_supported' | 'cancelled' | 'never' | 'unknown';

export function pullState(status: Extensible<PullStatus> | undefined): PullState {
  if (!status) return 'never';
  if (!isKnownPullStatus(status)) return 'unknown';
  if (status === 'Complete') return 'complete';
  if (status === 'NotSupported') return 'not_supported';
  if (status === 'Cancelled') return 'cancelled';
  if (isPullInProgress(status)) return 'in_progress';
  return isPullErrored(status) ? 'failed' : 'never';
}

/** The status as a badge says it: Codat's word, or "Unknown status: <Codat's word>". */
export function pullStatusLabel(status: Extensible<PullStatus>): string {
  return isKnownPullStatus(status) ? status : `Unknown status: ${status}`;
}

/** The one-sentence explanation of a pull status, also for one Linkdesk does not know. */
export function pullStatusExplanation(status: Extensible<PullStatus>): string {
  return isKnownPullStatus(status)
    ? pullStatusExplanations[status]
    : `Codat reports “${status}”, a pull status Linkdesk does not know yet, so it cannot tell whether this sync worked. Check it in Codat’s Portal.`;
}

export const pullStateLooks: Record<PullState, { tone: Tone; Icon: LucideIcon }> = {
  in_progress: { tone: 'pending', Icon: LoaderCircle },
  complete: { tone: 'linked', Icon: CircleCheck },
  failed: { tone: 'error', Icon: CircleX },
  not_supported: { tone: 'neutral', Icon: CircleMinus },
  cancelled: { tone: 'neutral', Icon: Ban },
  never: { tone: 'neutral', Icon: Circle },
  unknown: { tone: 'neutral', Icon: CircleHelp },
};

/** One plain sentence per Codat pull status, shown on hover and in the pull dialog. */
export const pullStatusExplanations: Record<PullStatus, string> = {
  Initial: 'Created, not started yet (it may be paused: see the status description).',
  Queued: 'Waiting to start. Desktop platforms stay here until the connector on the customer’s computer runs.',
  Fetching: 'Codat is reading the data from the platform.',
  MapQueued: 'Read; waiting to be mapped to Codat’s data model.',
  Mapping: 'Codat is mapping the data to its model.',
  ProcessingQueued: 'Mapped; waiting to be stored.',
  Processing: 'Codat is storing the data in its cache.',
  ValidationQueued: 'Stored; waiting to be validated.',
  Validating: 'Codat is validating the records.',
  Complete: 'Finished: the data is up to date as of its completion.',
  FetchError: 'The platform failed while Codat read the data (often maintenance). Refresh later.',
  MapError: 'Codat could not map a record. Contact Codat quoting the dataset ID.',
  InternalError: 'An internal error at Codat. Contact Codat quoting the dataset ID.',
  ProcessingError: 'Codat could not store the data. Contact Codat quoting the dataset ID.',
  ValidationError: 'Some records failed Codat’s validation: see the validation results.',
  AuthError: 'Access to the platform has lapsed: the customer must re-link.',
  Cancelled: 'The sync was cancelled before it finished.',
  NotSupported: 'The platform does not offer this data type. Nothing to fix.',
  RateLimitError: 'The platform rate limited Codat; Codat retries later.',
  PermissionsError: 'The user who linked lacks permission for this data: re-link as an administrator.',
  PrerequisiteNotMet: 'A data type this one depends on has not synced yet: refresh all data.',
};

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
