/** Connection rules the console checks before it calls Codat. */
import type { Company, Connection, SourceType } from '../codat/schemas';

export type ConnectCheck = { allowed: true } | { allowed: false; reason: string; existing: Connection };

/** A company may have one accounting connection (banking and commerce may have several): API-NOTES §5. */
export function checkCanConnect(
  company: Pick<Company, 'dataConnections'>,
  sourceType: SourceType | undefined,
): ConnectCheck {
  if (sourceType !== 'Accounting') return { allowed: true };
  const existing = (company.dataConnections ?? []).find((connection) => connection.sourceType === 'Accounting');
  if (!existing) return { allowed: true };
  return {
    allowed: false,
    existing,
    reason: `A company can have only one accounting connection, and this one already has ${existing.platformName} (${statusWords[existing.status]}). To switch platform, Codat recommends a new company.`,
  };
}

export const statusWords: Record<Connection['status'], string> = {
  PendingAuth: 'Pending authorisation',
  Linked: 'Linked',
  Unlinked: 'Unlinked',
  Deauthorized: 'Deauthorized',
};

export const statusExplanations: Record<Connection['status'], string> = {
  PendingAuth: 'The customer has not finished authorising yet. Send them the link.',
  Linked: 'Connected: Codat can read data.',
  Unlinked: 'You unlinked it. Data already synced stays readable; the customer can re-link.',
  Deauthorized: 'The customer or the platform withdrew access. The customer must re-link.',
};

/** Where a one-time link may no longer work: it could have been opened, or it is over a day old. */
export function linkMayBeStale(issuedAt: number, now: number, opened: boolean): boolean {
  return opened || now - issuedAt >= 24 * 60 * 60 * 1000;
}
