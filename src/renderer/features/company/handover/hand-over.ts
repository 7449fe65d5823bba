/** A hand-over: the link shown to the account manager, and what may have happened to it since. */

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
