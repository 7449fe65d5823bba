/**
 * Fresh links in bulk: which issues a customer must fix through a link (so may be selected), how selections are
 * keyed (company + connection: a connection with several failing data types is one link), and what "Select all
 * shown" means for the rows the filters leave.
 */
import type { OperationOutput } from '@shared/contract';
import type { HealthIssue } from '@shared/domain/health/model';
import type { BridgeError } from '@shared/result';
import { formatDateTime } from '@renderer/lib/format';
import { toCsv, type CsvColumns } from '@renderer/lib/csv';

/** A connection to get a fresh link for. */
export interface FreshLinkTarget {
  key: string;
  companyId: string;
  connectionId: string;
  companyName: string;
  platformName: string;
}

export type FreshLink = OperationOutput<'followups.freshLink'>;
export interface FreshLinkDone {
  target: FreshLinkTarget;
  link: FreshLink;
}
export interface FreshLinkFailed {
  target: FreshLinkTarget;
  error: BridgeError;
}

/**
 * Issues the customer fixes by following a link: awaiting authorisation, authorisation cancelled or failed,
 * deauthorised, and linked with an auth error (a sync failing with AuthError, whose next step is to re-link).
 */
export function needsCustomerLink(issue: HealthIssue): boolean {
  if (!issue.connectionId) return false;
  switch (issue.category) {
    case 'awaiting_authorisation':
    case 'authorisation_failed':
    case 'deauthorized':
      return true;
    case 'sync_failing':
      return issue.action.kind === 'relink';
    default:
      return false;
  }
}

export function selectionKeyOf(issue: Pick<HealthIssue, 'companyId' | 'connectionId'>): string {
  return `${issue.companyId}:${issue.connectionId ?? ''}`;
}

export function targetOf(issue: HealthIssue): FreshLinkTarget {
  return {
    key: selectionKeyOf(issue),
    companyId: issue.companyId,
    connectionId: issue.connectionId ?? '',
    companyName: issue.companyName,
    platformName: issue.platformName ?? '',
  };
}

/** The selectable connections among the issues shown, once each, in the order shown. */
export function selectableTargets(shown: readonly HealthIssue[]): FreshLinkTarget[] {
  const seen = new Map<string, FreshLinkTarget>();
  for (const issue of shown) {
    if (!needsCustomerLink(issue)) continue;
    const key = selectionKeyOf(issue);
    if (!seen.has(key)) seen.set(key, targetOf(issue));
  }
  return [...seen.values()];
}

/** "Select all shown": checked when every selectable row shown is selected, mixed when only some are. */
export function selectAllState(
  selectable: readonly FreshLinkTarget[],
  selected: ReadonlyMap<string, FreshLinkTarget>,
): 'none' | 'some' | 'all' {
  let count = 0;
  for (const target of selectable) if (selected.has(target.key)) count += 1;
  if (count === 0) return 'none';
  return count === selectable.length ? 'all' : 'some';
}

const mailMergeColumns: CsvColumns<FreshLinkDone> = [
  ['Recipient', ({ link }) => link.lastRecipient ?? ''],
  ['Customer', ({ link }) => link.handOver.company.name],
  ['Platform', ({ link }) => link.handOver.connection.platformName],
  ['Link', ({ link }) => link.url],
  ['Expires at', ({ link }) => link.expiresAt],
  ['Expires at (local time)', ({ link }) => formatDateTime(link.expiresAt)],
];

/** One row per fresh link, for a mail merge; through the safe CSV writer (no cell runs as a formula). */
export function mailMergeCsv(done: readonly FreshLinkDone[]): string {
  return toCsv(mailMergeColumns, done);
}
