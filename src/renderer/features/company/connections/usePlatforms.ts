/** The platforms the company can connect, with their logos (main keeps them, so this is cheap after the first time). */
import { useCallback, useEffect, useState } from 'react';
import type { Connection } from '@shared/codat/schemas';
import type { IntegrationCard } from '@shared/contract';
import type { BridgeError } from '@shared/result';
import { linkdesk } from '@renderer/api';

export type IntegrationsState =
  | { status: 'loading' }
  | { status: 'error'; error: BridgeError }
  | {
      status: 'ready';
      integrations: IntegrationCard[];
      /** When the branding cache was filled, and whether Codat could be reached since. */
      cachedAt: string | null;
      offline: boolean;
    };

export function usePlatforms() {
  const [integrations, setIntegrations] = useState<IntegrationsState>({ status: 'loading' });

  const reload = useCallback(() => {
    setIntegrations({ status: 'loading' });
    void linkdesk.integrations.list().then((result) =>
      setIntegrations(
        result.ok
          ? {
              status: 'ready',
              integrations: result.value.integrations,
              cachedAt: result.value.cachedAt,
              offline: result.value.offline,
            }
          : { status: 'error', error: result.error },
      ),
    );
  }, []);
  // For the cards' logos and the picker's list.
  useEffect(reload, [reload]);

  /** A connection's logo, by its platform key (or name). */
  const logoFor = (connection: Connection): string | null => {
    if (integrations.status !== 'ready') return null;
    const match = integrations.integrations.find(
      (integration) => integration.key === connection.integrationKey || integration.name === connection.platformName,
    );
    return match?.logo ?? null;
  };

  return { integrations, reload, logoFor };
}
