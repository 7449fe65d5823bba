/**
 * Hand-overs: a connection link given to a customer (copied, opened, or sent in an invite), followed until it
 * ends one way or another. The state follows what Codat says about the connection; time alone ends a link
 * (one-time links expire a day after Codat issued them, docs/codat-api.md §7). Pure rules, shared by main (which
 * records and watches) and the renderer (which shows them).
 */
import { z } from 'zod';
import type { Connection, DataConnectionError, DataStatuses } from '../codat/schemas';
import { authorisationProblem } from './connections';
import { errorKey, isSyncSettled, type SyncProgress } from './watch';

/** A one-time link works for a day after Codat issued it, used or not (docs/codat-api.md §7). */
export const linkLifetimeMs = 24 * 60 * 60 * 1000;
/** "Expires in 2 hours and has not been used." */
export const expiryReminderMs = 2 * 60 * 60 * 1000;
/** How long after linking the first sync is read at every check (then hourly: an on-premise connector may hold it for days). */
export const firstSyncWatchMs = 12 * 60 * 60 * 1000;
/** After this long a hand-over is no longer checked with Codat, whatever its state. */
export const handOverWatchLimitMs = 7 * 24 * 60 * 60 * 1000;

/**
 * How a link was handed over. `fresh_link`: created in bulk (Health) for a mail merge or invites sent one after
 * another; it becomes `invite` once one is composed with it. Values are only ever added, so stored records stay
 * readable.
 */
export const handOverMethods = ['copied', 'opened', 'invite', 'fresh_link'] as const;
export type HandOverMethod = (typeof handOverMethods)[number];

/**
 * - `awaiting`: the customer has not authorised yet, and the link still works;
 * - `linked`: Codat says Linked; the first sync has not finished;
 * - `synced` / `sync_failed`: the first sync finished (all of it, or with failures);
 * - `expired`: a day passed and the customer never authorised;
 * - `cancelled` / `failed`: the customer's attempt ended without a link (Codat's words in `problem`);
 * - `superseded`: a fresh link for the same connection was handed over since;
 * - `gone`: Codat no longer lists the connection (it, or its company, was deleted).
 */
export const handOverStates = [
  'awaiting',
  'linked',
  'synced',
  'sync_failed',
  'expired',
  'cancelled',
  'failed',
  'superseded',
  'gone',
] as const;
export type HandOverState = (typeof handOverStates)[number];

/** What a hand-over may tell the account manager, each at most once. */
export const handOverEventKinds = [
  'linked',
  'first_sync_finished',
  'first_sync_failed',
  'expiring_soon',
  'expired',
] as const;
export type HandOverEventKind = (typeof handOverEventKinds)[number];

const isoDate = z.string().refine((value) => Number.isFinite(Date.parse(value)), 'Not a date.');

/** Codat's own words about what went wrong, as it sent them (bounded: they come from outside). */
export const codatWordsSchema = z.object({
  statusCode: z.string().max(20).optional(),
  statusText: z.string().max(1000).optional(),
  errorMessage: z.string().max(1000).optional(),
  erroredOnUtc: z.string().max(60).optional(),
});
export type CodatWords = z.infer<typeof codatWordsSchema>;

export const handOverSchema = z.object({
  id: z.string().min(1).max(64),
  profileId: z.string().min(1).max(200),
  company: z.object({ id: z.string().max(64), name: z.string().max(500) }),
  connection: z.object({ id: z.string().max(64), platformKey: z.string().max(20), platformName: z.string().max(200) }),
  /** The OS user who handed it over. */
  by: z.string().max(200),
  /** When it was (first) handed over. */
  at: isoDate,
  /** The latest way this link was handed over. */
  how: z.enum(handOverMethods),
  /** The invite's recipient, when an invite was composed with one. */
  recipient: z.string().max(320).nullable(),
  link: z.object({ issuedAt: isoDate, expiresAt: isoDate }),
  /** The connection's errors when the link was handed over (errorKey): older attempts are not this one's. */
  errorBaseline: z.array(z.string().max(500)).max(50),
  /**
   * The company's latest sync per data type when the link was handed over (null: it had none, or it could not
   * be read): only newer syncs are this connection's first.
   */
  syncBaseline: z.record(z.string().max(100), z.string().max(100)).nullable(),
  state: z.enum(handOverStates),
  /** Codat's words when the customer cancelled, authorising failed, or the first sync failed. */
  problem: codatWordsSchema.nullable(),
  /** The connection status Codat last reported, as it sent it (a status Linkdesk does not know included). */
  codatStatus: z.string().max(60).nullable(),
  /** When a check last learnt something new about it (a status, an error, an outcome). */
  changedAt: isoDate.nullable(),
  linkedAt: isoDate.nullable(),
  /** When it reached an end (synced, sync failed, expired, cancelled, failed, superseded, gone). */
  endedAt: isoDate.nullable(),
  supersededBy: z.string().max(64).nullable(),
  /** The events already notified: each is notified once. */
  notified: z.array(z.enum(handOverEventKinds)),
});
export type HandOver = z.infer<typeof handOverSchema>;

export const handOverEventSchema = z.object({
  kind: z.enum(handOverEventKinds),
  handOverId: z.string(),
  companyId: z.string(),
  companyName: z.string(),
  connectionId: z.string(),
  platformName: z.string(),
  /** Codat's words, for a failed first sync. */
  detail: z.string().optional(),
});
export type HandOverEvent = z.infer<typeof handOverEventSchema>;

/** How the first sync after linking is going, read from the company's data status. */
export type FirstSyncOutcome =
  | { state: 'in_progress' }
  | { state: 'complete' }
  | { state: 'failed'; failed: Array<{ dataType: string; status: string }> };

/** What Codat says now about a hand-over's connection. */
export interface CodatObservation {
  /** The connection as Codat lists it; null when it no longer lists it (deleted, or its company was). */
  connection: Pick<Connection, 'status' | 'dataConnectionErrors'> | null;
  /** Only once it is Linked, and only when it was read. */
  firstSync?: FirstSyncOutcome;
}

/** Whether a hand-over has reached an end: nothing will change it any more. */
export function isHandOverDone(handOver: Pick<HandOver, 'state'>): boolean {
  return ['synced', 'sync_failed', 'superseded', 'gone'].includes(handOver.state);
}

/**
 * Whether Codat should still be asked about it: anything not done, for a week after its link was issued
 * (a customer may still authorise through another way after a link expired or an attempt failed).
 */
export function isHandOverWatched(handOver: HandOver, now: number): boolean {
  return !isHandOverDone(handOver) && now - Date.parse(handOver.link.issuedAt) < handOverWatchLimitMs;
}

/** Whether it needs checking soon: its link still works, or it is linked and its first sync is running. */
export function needsPromptChecks(handOver: HandOver, now: number): boolean {
  if (!isHandOverWatched(handOver, now)) return false;
  if (handOver.state === 'linked') return isReadingFirstSync(handOver, now);
  return handOver.state === 'awaiting' && now < Date.parse(handOver.link.expiresAt);
}

/** Whether the first sync is still read: from linking, for `firstSyncWatchMs` (not yet linked counts too). */
export function isReadingFirstSync(handOver: HandOver, now: number): boolean {
  return handOver.state !== 'linked' || now - Date.parse(handOver.linkedAt ?? handOver.at) < firstSyncWatchMs;
}

/** The company's data status without the data types whose latest sync was there before the hand-over. */
export function syncsSinceHandOver(
  statuses: DataStatuses,
  baseline: Readonly<Record<string, string>> | null,
): DataStatuses {
  // A type that was never synced carries no sync id, and is not part of this sync either.
  return Object.fromEntries(
    Object.entries(statuses).filter(
      ([, status]) =>
        !!status?.latestSyncId && (baseline === null || status.latestSyncId !== baseline[status.dataType]),
    ),
  );
}

/** The baseline to keep from the company's data status when the link is handed over (bounded). */
export function syncBaselineOf(statuses: DataStatuses): Record<string, string> {
  return Object.fromEntries(
    Object.values(statuses)
      .filter((status) => !!status?.latestSyncId)
      .slice(0, 200)
      .map((status) => [status!.dataType.slice(0, 100), status!.latestSyncId!.slice(0, 100)]),
  );
}

/** The first sync's outcome from the data types of this sync: settled when every type has finished. */
export function firstSyncOutcome(progress: readonly SyncProgress[]): FirstSyncOutcome {
  if (progress.length === 0 || !progress.every(isSyncSettled)) return { state: 'in_progress' };
  const failed = progress
    .filter((item) => item.state === 'failed')
    .map((item) => ({ dataType: item.dataType, status: item.status }));
  return failed.length > 0 ? { state: 'failed', failed } : { state: 'complete' };
}

function words(error: DataConnectionError): CodatWords {
  const bounded: CodatWords = {};
  if (error.statusCode !== undefined) bounded.statusCode = error.statusCode.slice(0, 20);
  if (error.statusText !== undefined) bounded.statusText = error.statusText.slice(0, 1000);
  if (error.errorMessage !== undefined) bounded.errorMessage = error.errorMessage.slice(0, 1000);
  if (error.erroredOnUtc !== undefined) bounded.erroredOnUtc = error.erroredOnUtc.slice(0, 60);
  return bounded;
}

/** An error as remembered in the baseline: its errorKey, bounded (the texts come from outside). */
export function baselineKey(error: DataConnectionError): string {
  return errorKey(error).slice(0, 500);
}

/**
 * The next state of a hand-over, given what Codat says now (null: nothing was asked, only time passed), and the
 * events to notify. Each event kind is notified at most once per hand-over (kept in `notified`).
 */
export function advanceHandOver(
  handOver: HandOver,
  observation: CodatObservation | null,
  now: number,
): { next: HandOver; events: HandOverEvent[]; changed: boolean } {
  const at = new Date(now).toISOString();
  let next: HandOver = { ...handOver };
  const kinds: HandOverEventKind[] = [];
  const detail: Partial<Record<HandOverEventKind, string>> = {};
  const end = (state: HandOverState, patch: Partial<HandOver> = {}) => {
    next = { ...next, ...patch, state, endedAt: next.endedAt ?? at };
  };

  if (!isHandOverDone(next) && observation) {
    const connection = observation.connection;
    if (connection === null) {
      end('gone');
    } else {
      next.codatStatus = String(connection.status).slice(0, 60);
      if (next.state !== 'linked' && connection.status === 'Linked') {
        next = { ...next, state: 'linked', linkedAt: at, endedAt: null, problem: null };
        kinds.push('linked');
      }
      if (next.state === 'awaiting') {
        const problem = authorisationProblem({
          status: connection.status,
          dataConnectionErrors: (connection.dataConnectionErrors ?? []).filter(
            (error) => !handOver.errorBaseline.includes(baselineKey(error)),
          ),
        });
        if (problem) end(problem.outcome, { problem: words(problem.error) });
      }
      if (next.state === 'linked' && observation.firstSync && observation.firstSync.state !== 'in_progress') {
        const outcome = observation.firstSync;
        if (outcome.state === 'complete') {
          end('synced');
          kinds.push('first_sync_finished');
        } else {
          const text = outcome.failed.map((item) => `${item.dataType}: ${item.status}`).join(', ');
          end('sync_failed', { problem: { errorMessage: text.slice(0, 1000) } });
          kinds.push('first_sync_failed');
          detail.first_sync_failed = text.slice(0, 1000);
        }
      }
    }
  }

  if (next.state === 'awaiting') {
    const expiresAt = Date.parse(next.link.expiresAt);
    if (now >= expiresAt) {
      end('expired');
      kinds.push('expired');
    } else if (now >= expiresAt - expiryReminderMs) {
      kinds.push('expiring_soon');
    }
  }

  const fresh = kinds.filter((kind) => !next.notified.includes(kind));
  // A link that expired before anyone looked gets the expiry, not a late reminder that it will expire.
  const toNotify = fresh.includes('expired') ? fresh.filter((kind) => kind !== 'expiring_soon') : fresh;
  if (fresh.length > 0) next = { ...next, notified: [...next.notified, ...fresh] };
  const changed =
    next.state !== handOver.state ||
    next.codatStatus !== handOver.codatStatus ||
    next.notified.length !== handOver.notified.length ||
    JSON.stringify(next.problem) !== JSON.stringify(handOver.problem);
  if (changed) next = { ...next, changedAt: at };
  return {
    /** False when nothing new was learnt: `next` is then the hand-over as it was (there is nothing to save). */
    changed,
    next: changed ? next : handOver,
    events: toNotify.map((kind) => ({
      kind,
      handOverId: next.id,
      companyId: next.company.id,
      companyName: next.company.name,
      connectionId: next.connection.id,
      platformName: next.connection.platformName,
      ...(detail[kind] ? { detail: detail[kind] } : {}),
    })),
  };
}

/** A hand-over being recorded: who gave which link, how, and to whom. */
export interface HandOverDraft {
  id: string;
  profileId: string;
  company: HandOver['company'];
  connection: HandOver['connection'];
  by: string;
  how: HandOverMethod;
  recipient?: string | null;
  /** When Codat issued the link (as near as main knows: when it first saw it). */
  linkIssuedAt: number;
  /** The connection's errors at hand-over (older attempts are not this one's). */
  errors: readonly DataConnectionError[];
  /** The company's data status at hand-over (absent: it never synced, or it could not be read). */
  syncBaseline?: Record<string, string> | null;
}

/**
 * Records a hand-over among a profile's others. The same link handed over again (copied, then sent) is the same
 * hand-over, brought up to date; a fresh link for the connection supersedes the older ones still open.
 */
export function recordHandOver(
  existing: readonly HandOver[],
  draft: HandOverDraft,
  now: number,
): { handOvers: HandOver[]; recorded: HandOver } {
  const at = new Date(now).toISOString();
  const issuedAt = new Date(draft.linkIssuedAt).toISOString();
  const same = existing.find(
    (candidate) =>
      candidate.connection.id === draft.connection.id &&
      candidate.link.issuedAt === issuedAt &&
      candidate.state !== 'superseded',
  );
  if (same) {
    const recorded: HandOver = {
      ...same,
      how: draft.how,
      recipient: draft.recipient?.slice(0, 320) ?? same.recipient,
      by: draft.by.slice(0, 200),
    };
    return { handOvers: existing.map((candidate) => (candidate === same ? recorded : candidate)), recorded };
  }
  // Names come from Codat and the OS: kept within the record's bounds, so that a long one never costs the record.
  const recorded: HandOver = {
    id: draft.id.slice(0, 64),
    profileId: draft.profileId.slice(0, 200),
    company: { id: draft.company.id.slice(0, 64), name: draft.company.name.slice(0, 500) },
    connection: {
      id: draft.connection.id.slice(0, 64),
      platformKey: draft.connection.platformKey.slice(0, 20),
      platformName: draft.connection.platformName.slice(0, 200),
    },
    by: draft.by.slice(0, 200),
    at,
    how: draft.how,
    recipient: draft.recipient?.slice(0, 320) ?? null,
    link: { issuedAt, expiresAt: new Date(draft.linkIssuedAt + linkLifetimeMs).toISOString() },
    errorBaseline: draft.errors.map(baselineKey).slice(-50),
    syncBaseline: draft.syncBaseline ?? null,
    state: 'awaiting',
    problem: null,
    codatStatus: null,
    changedAt: null,
    linkedAt: null,
    endedAt: null,
    supersededBy: null,
    notified: [],
  };
  const handOvers = existing.map((candidate) =>
    candidate.connection.id === draft.connection.id && !isHandOverDone(candidate) && candidate.state !== 'linked'
      ? { ...candidate, state: 'superseded' as const, supersededBy: recorded.id, endedAt: candidate.endedAt ?? at }
      : candidate,
  );
  return { handOvers: [...handOvers, recorded], recorded };
}
