/** Connection rules the console checks before it calls Codat. */
import {
  isKnownConnectionStatus,
  type Company,
  type Connection,
  type ConnectionStatus,
  type DataConnectionError,
  type Extensible,
  type SourceType,
} from '../codat/schemas';

export type ConnectCheck = { allowed: true } | { allowed: false; reason: string; existing: Connection };

/** A company may have one accounting connection (banking and commerce may have several): docs/codat-api.md §5. */
export function checkCanConnect(
  company: Pick<Company, 'dataConnections'>,
  sourceType: Extensible<SourceType> | undefined,
): ConnectCheck {
  if (sourceType !== 'Accounting') return { allowed: true };
  const existing = (company.dataConnections ?? []).find((connection) => connection.sourceType === 'Accounting');
  if (!existing) return { allowed: true };
  return {
    allowed: false,
    existing,
    reason: `A company can have only one accounting connection, and this one already has ${existing.platformName} (${statusInWords(existing.status)}). To switch platform, Codat recommends a new company.`,
  };
}

export const statusWords: Record<ConnectionStatus, string> = {
  PendingAuth: 'Pending authorisation',
  Linked: 'Linked',
  Unlinked: 'Unlinked',
  Deauthorized: 'Deauthorized',
};

export const statusExplanations: Record<ConnectionStatus, string> = {
  PendingAuth: 'The customer has not finished authorising yet. Send them the link.',
  Linked: 'Connected: Codat can read data.',
  Unlinked: 'You unlinked it. Data already synced stays readable; the customer can re-link.',
  Deauthorized: 'The customer or the platform withdrew access. The customer must re-link.',
};

/** A value Codat sent that Linkdesk does not know, as it is shown everywhere: Codat's word, marked. */
export function unknownValueInWords(value: string): string {
  return `${value} (not known to Linkdesk)`;
}

/** A connection status in words: a known one as people say it, another as Codat sent it, marked as unknown. */
export function statusInWords(status: Extensible<ConnectionStatus>): string {
  return isKnownConnectionStatus(status) ? statusWords[status] : unknownValueInWords(status);
}

/** The one-line explanation of a connection status, also for one Linkdesk does not know. */
export function statusExplanation(status: Extensible<ConnectionStatus>): string {
  return isKnownConnectionStatus(status)
    ? statusExplanations[status]
    : `Codat reports “${status}”, a connection status Linkdesk does not know yet. Check the connection in Codat’s Portal.`;
}

/**
 * Whether Codat's error says the customer cancelled (redirect status 403, "User cancelled"), rather than that
 * authorising failed. The platform's own words vary, so any mention of cancelling counts.
 */
export function isCancellation(error: DataConnectionError): boolean {
  return error.statusCode === '403' || /cancel/i.test(`${error.errorMessage ?? ''} ${error.statusText ?? ''}`);
}

/** A customer's attempt to authorise that ended without a link: cancelled, or failed. */
export interface AuthorisationProblem {
  outcome: 'cancelled' | 'failed';
  /** Codat's latest error that it has not marked Resolved. */
  error: DataConnectionError;
}

/**
 * A PendingAuth connection whose latest attempt ended badly: Codat recorded an error it has not marked Resolved (a
 * status it adds later counts as unresolved). Null while the connection is merely waiting, or is not PendingAuth.
 */
export function authorisationProblem(
  connection: Pick<Connection, 'status' | 'dataConnectionErrors'>,
): AuthorisationProblem | null {
  if (connection.status !== 'PendingAuth') return null;
  const error = (connection.dataConnectionErrors ?? []).filter((candidate) => candidate.status !== 'Resolved').at(-1);
  if (!error) return null;
  return { outcome: isCancellation(error) ? 'cancelled' : 'failed', error };
}

/** Where a one-time link may no longer work: it could have been opened, or it is over a day old. */
export function linkMayBeStale(issuedAt: number, now: number, opened: boolean): boolean {
  return opened || now - issuedAt >= 24 * 60 * 60 * 1000;
}
