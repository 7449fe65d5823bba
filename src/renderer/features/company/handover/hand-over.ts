/** A hand-over: the link shown to the account manager, and what may have happened to it since. */
import { linkMayBeStale } from '@shared/domain/connections';

/** How the link may have reached the customer (any of these may have used up its one-time code). */
export type LinkUse = 'opened' | 'copied' | 'sent' | 'attempted';

export interface HandOverLink {
  url: string;
  /** When Linkdesk read this link from Codat. */
  issuedAt: number;
  usedBy: LinkUse | null;
}

export interface HandOver {
  connectionId: string;
  /** When the link was first shown; the watch period counts from here. */
  startedAt: number;
  /** The connection's errors at that moment: only errors after it belong to this attempt. */
  errorBaseline: string[];
  needsSyncBaseline: boolean;
  link: HandOverLink;
}

/**
 * Whether the link's one-time code may really be spent: it was opened here, the customer has tried it (Codat
 * reported their attempt), or it is a day old. Copying it or putting it in an invite spends nothing: it still
 * works for the first person who opens it.
 */
export function linkMayBeSpent(link: HandOverLink, now: number): boolean {
  return linkMayBeStale(link.issuedAt, now, link.usedBy === 'opened' || link.usedBy === 'attempted');
}
