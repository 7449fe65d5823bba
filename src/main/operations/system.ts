import type { SystemService } from '../services/system';
import type { AreaHandlers } from './types';

export function systemOperations(system: SystemService): AreaHandlers<'system'> {
  return {
    'system.openExternal': ({ url }) => system.openExternal(url),
    'system.notify': ({ title, body }) => system.notify(title, body),
    'system.openLogsFolder': () => system.openLogsFolder(),
  };
}
