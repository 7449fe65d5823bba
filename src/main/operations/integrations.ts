import type { SettingsSection } from '../storage/settings';
import type { ConnectivityMonitor } from '../services/connectivity';
import type { IntegrationService } from '../services/integrations';
import type { AreaHandlers } from './types';

export function integrationOperations(
  integrations: IntegrationService,
  cacheSettings: SettingsSection<'branding'>,
  connectivity: Pick<ConnectivityMonitor, 'check'>,
): AreaHandlers<'integrations'> {
  return {
    'integrations.list': () => {
      // A cache hit asks Codat nothing, so check (for free) that the page is not showing "online" wrongly.
      void connectivity.check();
      return integrations.list();
    },
    'integrations.refresh': () => integrations.refresh(),
    'integrations.cacheSettings': () => cacheSettings.read(),
    'integrations.saveCacheSettings': (next) => cacheSettings.save(next),
  };
}
