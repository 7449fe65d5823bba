/**
 * What a follow-up check asks Codat about the hand-overs it follows, in as few requests as it can: the company list
 * answer carries each company's connections, so one `GET /companies?query=id=…||id=…` covers up to 49 companies, and a
 * linked hand-over's first sync costs one `dataStatus` request per company while it is read.
 */
import { q } from '@shared/codat/query';
import type { Company, DataStatuses } from '@shared/codat/schemas';
import {
  firstSyncOutcome,
  isReadingFirstSync,
  syncsSinceHandOver,
  type CodatObservation,
  type HandOver,
} from '@shared/domain/handovers';
import { syncProgress } from '@shared/domain/watch';
import type { CodatApi } from '../codat/api';

/** After `firstSyncWatchMs`, a linked hand-over's first sync is read this often. */
export const lateFirstSyncEveryMs = 60 * 60_000;

/** Codat's query must be under 2048 characters (docs/codat-api.md §4): `id=<uuid>` joined by `||` fits 49. */
const maxQueryLength = 2047;

/** Company ids in groups whose `id=…||id=…` query stays under Codat's limit. */
function companyIdGroups(ids: readonly string[]): string[][] {
  const groups: string[][] = [];
  let group: string[] = [];
  let length = 0;
  for (const id of ids) {
    const added = `id=${id}`.length + (group.length > 0 ? 2 : 0);
    if (group.length > 0 && length + added > maxQueryLength) {
      groups.push(group);
      group = [];
      length = 0;
    }
    group.push(id);
    length += group.length === 1 ? `id=${id}`.length : added;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/** Per hand-over, when its first sync was last read after `firstSyncWatchMs` (in memory: at once after a start). */
export class LateFirstSyncReads {
  private readonly readAt = new Map<string, number>();
  next(item: HandOver): number {
    return (this.readAt.get(item.id) ?? -Infinity) + lateFirstSyncEveryMs;
  }
  /** Whether a check at `now` reads a linked hand-over's first sync. */
  due(item: HandOver, now: number): boolean {
    return isReadingFirstSync(item, now) || now >= this.next(item);
  }
  read(item: HandOver, now: number): void {
    if (!isReadingFirstSync(item, now)) this.readAt.set(item.id, now);
  }
}

/** What Codat said: per hand-over id what it learnt (absent: nothing), the failure that stopped it, the requests. */
export interface CodatAnswers {
  observations: Map<string, CodatObservation>;
  failure: unknown;
  requests: number;
}

/**
 * Asks Codat about every followed hand-over: what it learnt per hand-over id (absent: nothing), and the failure
 * that stopped it, if one did (what was learnt before it is kept).
 */
export async function askCodat(
  api: CodatApi,
  watched: readonly HandOver[],
  { now, lateReads }: { now(): number; lateReads: LateFirstSyncReads },
): Promise<CodatAnswers> {
  const answers: CodatAnswers = { observations: new Map(), failure: null, requests: 0 };
  const { observations } = answers;
  const key = (id: string) => id.toLowerCase();
  const companies = new Map<string, Company>();
  /** Companies Codat answered about in full: one it did not list there is gone. */
  const answered = new Set<string>();
  const syncs = new Map<string, DataStatuses>();
  try {
    const ids = [...new Set(watched.map((item) => key(item.company.id)))];
    for (const group of companyIdGroups(ids)) {
      const page = await api.listCompanies({
        page: 1,
        pageSize: 100,
        query: q.or(...group.map((id) => q.eq('id', id))),
      });
      answers.requests += 1;
      page.results.forEach((company) => companies.set(key(company.id), company));
      const complete = page.unreadable === 0 && page.totalResults <= page.results.length;
      (complete ? group : page.results.map((company) => key(company.id))).forEach((id) => answered.add(id));
    }
  } catch (error) {
    answers.failure = error;
  }
  for (const item of watched) {
    if (!answered.has(key(item.company.id))) continue;
    const connection =
      companies
        .get(key(item.company.id))
        ?.dataConnections?.find((candidate) => key(candidate.id) === key(item.connection.id)) ?? null;
    const observation: CodatObservation = { connection };
    const at = now();
    if (answers.failure === null && connection?.status === 'Linked' && lateReads.due(item, at)) {
      lateReads.read(item, at);
      try {
        let statuses = syncs.get(key(item.company.id));
        if (!statuses) {
          statuses = await api.dataStatus(item.company.id);
          answers.requests += 1;
          syncs.set(key(item.company.id), statuses);
        }
        observation.firstSync = firstSyncOutcome(syncProgress(syncsSinceHandOver(statuses, item.syncBaseline)));
      } catch (error) {
        // Linked is known; the first sync is read at the next check.
        answers.failure = error;
      }
    }
    observations.set(item.id, observation);
  }
  return answers;
}
