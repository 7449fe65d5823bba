/** Which connection's link is being handed over, and getting a fresh link for it when asked from its card. */
import { useState } from 'react';
import type { Company, Connection } from '@shared/codat/schemas';
import { errorBaseline } from '@shared/domain/watch';
import type { BridgeError } from '@shared/result';
import { linkdesk } from '@renderer/api';
import type { HandOver, HandOverLink, LinkUse } from './hand-over';

interface HandOverContext {
  company: Company;
  connections: readonly Connection[];
  upsertConnection(connection: Connection): void;
}

export function useHandOver({ company, connections, upsertConnection }: HandOverContext) {
  const [handOver, setHandOver] = useState<HandOver | null>(null);
  /** The connection whose fresh link is being read for a hand-over. */
  const [preparing, setPreparing] = useState<string | null>(null);
  const [cardErrors, setCardErrors] = useState<Record<string, BridgeError>>({});
  /** Bumped when its card's "Hand over link" asks for the panel again. */
  const [focusRequests, setFocusRequests] = useState(0);

  /** The link is shown: from now on the watch runs, and only errors after this moment are the customer's new attempt. */
  const begin = (connection: Connection) => {
    const at = Date.now();
    const mayHaveSynced =
      !!company.lastSync || connections.some((other) => other.status !== 'PendingAuth' || !!other.lastSync);
    setHandOver({
      connectionId: connection.id,
      startedAt: at,
      errorBaseline: errorBaseline(connection),
      needsSyncBaseline: mayHaveSynced,
      link: { url: connection.linkUrl, issuedAt: at, usedBy: null },
    });
  };

  const beginFromCard = async (connection: Connection) => {
    if (preparing) return;
    if (handOver?.connectionId === connection.id) {
      // Already handed over: go back to its panel rather than start again.
      setFocusRequests((count) => count + 1);
      return;
    }
    setPreparing(connection.id);
    setCardErrors(({ [connection.id]: _dropped, ...others }) => others);
    // Never hand over a link read earlier: it may have been used since (docs/codat-api.md §7).
    const result = await linkdesk.connections.get({ companyId: company.id, connectionId: connection.id });
    setPreparing(null);
    if (!result.ok) {
      setCardErrors((current) => ({ ...current, [connection.id]: result.error }));
      return;
    }
    upsertConnection(result.value);
    begin(result.value);
  };

  return {
    handOver,
    preparing,
    cardErrors,
    focusRequests,
    begin,
    beginFromCard,
    /** A fresh link replaced the shown one. */
    changeLink: (link: HandOverLink) => setHandOver((current) => current && { ...current, link }),
    markLinkUsed: (usedBy: LinkUse) =>
      setHandOver((current) =>
        // The customer's own attempt says more than "you copied it"; otherwise the first reason stands.
        current && (current.link.usedBy === null || usedBy === 'attempted')
          ? { ...current, link: { ...current.link, usedBy } }
          : current,
      ),
    end: () => setHandOver(null),
  };
}
