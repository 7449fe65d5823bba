/** One chronological story per connection: what the console saw, Codat's errors, pulls, and our own actions. */
import { isKnownPullStatus, type Connection, type PullOperation } from '@shared/codat/schemas';
import { isPullErrored, isPullInProgress } from '@shared/codat/status';
import type { TimelineEvent } from '@shared/contract';
import { statusInWords, unknownValueInWords } from '@shared/domain/connections';

export interface ObservedStatus {
  at: string;
  status: Connection['status'];
}

export interface AuditEntry {
  at: string;
  title: string;
  detail?: string;
  ok: boolean;
}

export function buildTimeline(
  connection: Connection,
  pulls: readonly PullOperation[],
  observed: readonly ObservedStatus[],
  audit: readonly AuditEntry[] = [],
): TimelineEvent[] {
  const events: TimelineEvent[] = [
    {
      at: connection.created,
      kind: 'created',
      title: `Connection to ${connection.platformName} created`,
      tone: 'neutral',
    },
  ];
  let previous: Connection['status'] | null = null;
  for (const observation of observed) {
    if (observation.status === previous) continue;
    events.push({
      at: observation.at,
      kind: 'status_observed',
      title: previous
        ? `Seen ${statusInWords(observation.status)} (was ${statusInWords(previous)})`
        : `Seen ${statusInWords(observation.status)}`,
      tone:
        observation.status === 'Linked'
          ? 'good'
          : observation.status === 'PendingAuth'
            ? 'progress'
            : observation.status === 'Unlinked' || observation.status === 'Deauthorized'
              ? 'bad'
              : 'neutral',
    });
    previous = observation.status;
  }
  for (const error of connection.dataConnectionErrors ?? []) {
    const text = [error.errorMessage, error.statusText].filter(Boolean).join(' · ');
    if (error.erroredOnUtc) {
      events.push({
        at: error.erroredOnUtc,
        kind: 'error',
        title: `Error from ${connection.platformName}${error.statusCode ? ` (${error.statusCode})` : ''}`,
        ...(text ? { detail: text } : {}),
        tone: 'bad',
      });
    }
    if (error.resolvedOnUtc) {
      events.push({
        at: error.resolvedOnUtc,
        kind: 'error_resolved',
        title: 'Error resolved',
        ...(text ? { detail: text } : {}),
        tone: 'good',
      });
    }
  }
  for (const pull of pulls) {
    if (pull.connectionId !== connection.id) continue;
    const ended = pull.completed && !isPullInProgress(pull.status);
    const status = isKnownPullStatus(pull.status) ? pull.status : unknownValueInWords(pull.status);
    events.push({
      at: ended ? (pull.completed as string) : pull.requested,
      kind: 'pull',
      title: ended
        ? `${pull.dataType} sync ${pull.status === 'Complete' ? 'completed' : `ended: ${status}`}`
        : `${pull.dataType} sync ${status}`,
      ...(pull.errorMessage || pull.statusDescription
        ? { detail: pull.errorMessage ?? pull.statusDescription ?? '' }
        : {}),
      datasetId: pull.id,
      tone:
        pull.status === 'Complete'
          ? 'good'
          : isPullErrored(pull.status)
            ? 'bad'
            : isPullInProgress(pull.status)
              ? 'progress'
              : 'neutral',
    });
  }
  for (const entry of audit) {
    events.push({
      at: entry.at,
      kind: 'audit',
      title: entry.title,
      ...(entry.detail ? { detail: entry.detail } : {}),
      tone: entry.ok ? 'neutral' : 'bad',
    });
  }
  const time = (event: TimelineEvent) => {
    const parsed = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(event.at) ? event.at : `${event.at}Z`);
    return Number.isNaN(parsed) ? 0 : parsed;
  };
  return events.sort((a, b) => time(b) - time(a));
}
