/**
 * The link completion funnel: of the links handed over, how many were linked and how many finished their first
 * sync, and how long customers took, per calendar week and by platform or by person. Pure: the time zone that
 * decides where a week starts is a parameter (the renderer passes the user's), and so is `now`.
 *
 * Weeks are ISO weeks: Monday 00:00 to the next Monday 00:00 in the given time zone; the latest one is the week
 * in progress, which ends at `now`. A day is a calendar day there, so a week across a clock change is 167 or 169
 * hours long.
 *
 * One customer case, counted once. A fresh link for a connection supersedes the older ones still open
 * (recordHandOver), so "sent a link, it expired, sent a fresh one, the customer linked" is two hand-overs but one
 * customer who completed. Counting the superseded one as well would report a customer who did not complete. A
 * chain of hand-overs joined by `supersededBy` therefore counts as one case: in the week, platform and person of
 * its first hand-over (when the customer was first asked, and by whom), with the outcome of its latest, and the
 * times to link and to first sync measured from the first hand-over (how long the customer took in all). A
 * superseded hand-over whose successor is no longer on record (cleared) is not counted: its outcome is unknown.
 */
import type { HandOver } from './handovers';

export const funnelWeekCount = 12;

/** Counts and times for one group of cases (a week, a platform, a person, or all of them). */
export interface FunnelFigures {
  /** Customer cases whose first hand-over falls in the period. */
  handedOver: number;
  /** Of those, the ones whose connection reached Linked at any time (whatever happened after). */
  linked: number;
  /** Of those, the ones whose first sync finished complete (state `synced`). */
  synced: number;
  /** linked / handedOver, 0 to 1; null when nothing was handed over. */
  linkedRate: number | null;
  /** synced / handedOver, 0 to 1; null when nothing was handed over. */
  syncedRate: number | null;
  /** Median of first hand-over → Linked, over the linked cases; null when none. */
  medianToLinkMs: number | null;
  /** Median of first hand-over → first sync complete, over the synced cases; null when none. */
  medianToSyncMs: number | null;
}

export interface FunnelWeek extends FunnelFigures {
  /** The Monday that starts it, as a local date in the funnel's time zone: `2026-03-09`. */
  startDate: string;
  /** Its start and end as instants (ms); the latest week ends at `now`. */
  start: number;
  end: number;
  /** The week in progress (it ends at `now`). */
  current: boolean;
}

export interface FunnelGroup extends FunnelFigures {
  /** The platform's name, or the person's user name, as recorded. */
  name: string;
}

export interface Funnel {
  timeZone: string;
  /** Oldest first; the last is the week in progress. */
  weeks: FunnelWeek[];
  /** Over all the weeks; most hand-overs first, then by name. */
  byPlatform: FunnelGroup[];
  byPerson: FunnelGroup[];
  total: FunnelFigures;
}

export interface FunnelOptions {
  now: number;
  /** An IANA time zone (`Europe/London`, `UTC`): where the weeks start. */
  timeZone: string;
  weeks?: number;
}

const dayMs = 24 * 60 * 60 * 1000;

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  let format = zoneFormats.get(timeZone);
  if (!format) {
    // Throws a RangeError for a time zone Intl does not know: a caller's mistake, said at once.
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zoneFormats.set(timeZone, format);
  }
  return format;
}

/** The wall clock in the time zone at an instant, written as if it were UTC (ms). */
function wallClock(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of zoneFormat(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(
    parts['year']!,
    parts['month']! - 1,
    parts['day']!,
    parts['hour']!,
    parts['minute']!,
    parts['second']!,
  );
}

function localDate(instant: number, timeZone: string): CalendarDate {
  const wall = new Date(wallClock(instant, timeZone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

/**
 * The instant a local date starts in the time zone. Twice round the offset, so that a clock change between the
 * first guess and midnight is accounted for; where midnight itself is skipped, the day starts when it resumes.
 */
function startOfLocalDay(date: CalendarDate, timeZone: string): number {
  const wallMidnight = Date.UTC(date.year, date.month - 1, date.day);
  let instant = wallMidnight;
  for (let round = 0; round < 2; round += 1) {
    instant = wallMidnight - (wallClock(instant, timeZone) - instant);
  }
  // Milliseconds are not part of the wall clock read back: keep the start on a whole second.
  return instant - (instant % 1000);
}

function isoDate(date: CalendarDate): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${String(date.year).padStart(4, '0')}-${pad(date.month)}-${pad(date.day)}`;
}

function addDays(date: CalendarDate, days: number): CalendarDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * dayMs);
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** The weeks of the funnel, oldest first: their Monday and their start and end instants. */
export function funnelWeeks(
  options: FunnelOptions,
): Array<Pick<FunnelWeek, 'startDate' | 'start' | 'end' | 'current'>> {
  const count = options.weeks ?? funnelWeekCount;
  const today = localDate(options.now, options.timeZone);
  const weekday = new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay();
  const monday = addDays(today, -((weekday + 6) % 7));
  const mondays = Array.from({ length: count }, (_, index) => addDays(monday, (index - count + 1) * 7));
  const starts = mondays.map((date) => startOfLocalDay(date, options.timeZone));
  return mondays.map((date, index) => ({
    startDate: isoDate(date),
    start: starts[index]!,
    end: index + 1 < count ? starts[index + 1]! : options.now,
    current: index + 1 === count,
  }));
}

/** Accumulates one group's cases; figures() makes the numbers. */
class Tally {
  handedOver = 0;
  linked = 0;
  synced = 0;
  private readonly toLink: number[] = [];
  private readonly toSync: number[] = [];

  add(outcome: CaseOutcome): void {
    this.handedOver += 1;
    if (outcome.toLinkMs !== null) {
      this.linked += 1;
      if (Number.isFinite(outcome.toLinkMs)) this.toLink.push(outcome.toLinkMs);
    }
    if (outcome.toSyncMs !== null) {
      this.synced += 1;
      if (Number.isFinite(outcome.toSyncMs)) this.toSync.push(outcome.toSyncMs);
    }
  }

  figures(): FunnelFigures {
    const rate = (count: number) => (this.handedOver === 0 ? null : count / this.handedOver);
    return {
      handedOver: this.handedOver,
      linked: this.linked,
      synced: this.synced,
      linkedRate: rate(this.linked),
      syncedRate: rate(this.synced),
      medianToLinkMs: median(this.toLink),
      medianToSyncMs: median(this.toSync),
    };
  }
}

function median(times: readonly number[]): number | null {
  if (times.length === 0) return null;
  // A typed array sorts numbers natively, several times faster than a compare function.
  const values = Float64Array.from(times).sort();
  const middle = values.length >> 1;
  return values.length % 2 === 1 ? values[middle]! : (values[middle - 1]! + values[middle]!) / 2;
}

interface CaseOutcome {
  /** Null when it never linked; NaN when it did but its times cannot be read (counted, left out of the median). */
  toLinkMs: number | null;
  /** Null when its first sync did not finish complete. */
  toSyncMs: number | null;
}

function outcomeOf(latest: HandOver, firstAt: number): CaseOutcome {
  const linkedAt = latest.linkedAt === null ? Number.NaN : Date.parse(latest.linkedAt);
  const syncedAt = latest.state === 'synced' && latest.endedAt !== null ? Date.parse(latest.endedAt) : Number.NaN;
  // A linked state without a readable time still counts as linked; it only stays out of the median.
  const linked = Number.isFinite(linkedAt) || ['linked', 'synced', 'sync_failed'].includes(latest.state);
  return {
    toLinkMs: linked ? (Number.isFinite(linkedAt) ? Math.max(0, linkedAt - firstAt) : Number.NaN) : null,
    toSyncMs:
      latest.state === 'synced' ? (Number.isFinite(syncedAt) ? Math.max(0, syncedAt - firstAt) : Number.NaN) : null,
  };
}

/** Groups sorted for reading: most hand-overs first, then by name. */
function sortedGroups(tallies: Map<string, Tally>): FunnelGroup[] {
  return [...tallies]
    .map(([name, tally]) => ({ name, ...tally.figures() }))
    .sort((a, b) => b.handedOver - a.handedOver || a.name.localeCompare(b.name));
}

/**
 * The funnel of the hand-overs for the weeks up to `now`. Linear in the hand-overs (a few map look-ups each),
 * plus sorting the times for the medians.
 */
export function computeFunnel(handOvers: readonly HandOver[], options: FunnelOptions): Funnel {
  const weeks = funnelWeeks(options);
  const from = weeks[0]?.start ?? options.now;

  // Each chain's latest hand-over: follow supersededBy forwards, remembering the answer for every step.
  const byId = new Map<string, HandOver>();
  for (const handOver of handOvers) byId.set(handOver.id, handOver);
  const latestOf = new Map<string, HandOver | null>();
  const resolve = (start: HandOver): HandOver | null => {
    if (start.state !== 'superseded') return start;
    const path = new Set<string>();
    let current: HandOver | undefined = start;
    let latest: HandOver | null | undefined;
    while (latest === undefined) {
      if (!current) latest = null;
      else if (latestOf.has(current.id)) latest = latestOf.get(current.id)!;
      else if (current.state !== 'superseded' || current.supersededBy === null) latest = current;
      else if (path.has(current.id))
        latest = null; // a loop: no record written by Linkdesk has one
      else {
        path.add(current.id);
        current = byId.get(current.supersededBy);
      }
    }
    for (const id of path) latestOf.set(id, latest);
    return latest;
  };

  // Each case's first hand-over (earliest `at`), keyed by its latest hand-over's id.
  const firstOf = new Map<string, { first: HandOver; firstAt: number }>();
  for (const handOver of handOvers) {
    const at = Date.parse(handOver.at);
    if (!Number.isFinite(at)) continue;
    const latest = resolve(handOver);
    if (!latest) continue;
    const known = firstOf.get(latest.id);
    if (!known || at < known.firstAt) firstOf.set(latest.id, { first: handOver, firstAt: at });
  }

  const weekTallies = weeks.map(() => new Tally());
  const platformTallies = new Map<string, Tally>();
  const personTallies = new Map<string, Tally>();
  const total = new Tally();
  const tallyFor = (tallies: Map<string, Tally>, name: string) => {
    let tally = tallies.get(name);
    if (!tally) tallies.set(name, (tally = new Tally()));
    return tally;
  };
  for (const [latestId, { first, firstAt }] of firstOf) {
    // A hand-over dated after `now` (another computer's clock ahead) is left out, like one before the first week.
    if (firstAt < from || firstAt > options.now) continue;
    let week = weeks.length - 1;
    while (week > 0 && firstAt < weeks[week]!.start) week -= 1;
    const outcome = outcomeOf(byId.get(latestId)!, firstAt);
    weekTallies[week]!.add(outcome);
    tallyFor(platformTallies, first.connection.platformName).add(outcome);
    tallyFor(personTallies, first.by).add(outcome);
    total.add(outcome);
  }

  return {
    timeZone: options.timeZone,
    weeks: weeks.map((week, index) => ({ ...week, ...weekTallies[index]!.figures() })),
    byPlatform: sortedGroups(platformTallies),
    byPerson: sortedGroups(personTallies),
    total: total.figures(),
  };
}
