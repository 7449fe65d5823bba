import { useRef, useState } from 'react';
import type { Connection } from '@shared/codat/schemas';
import type { IntegrationCard } from '@shared/contract';
import type { BridgeError } from '@shared/result';
import { linkdesk } from '@renderer/api';

/** Creating a connection to the chosen platform: one request per choice, however often a tile is pressed. */
export function useCreateConnection(companyId: string, onCreated: (connection: Connection) => void) {
  const [creating, setCreating] = useState<IntegrationCard | null>(null);
  const [failure, setFailure] = useState<{ integration: IntegrationCard; error: BridgeError } | null>(null);
  const inFlight = useRef(false);

  const create = async (integration: IntegrationCard) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setCreating(integration);
    setFailure(null);
    const result = await linkdesk.connections.create({ companyId, platformKey: integration.key });
    inFlight.current = false;
    setCreating(null);
    if (result.ok) onCreated(result.value);
    else setFailure({ integration, error: result.error });
  };

  return { creating, failure, create };
}
