/**
 * The monitor: the active profile's monitor settings, its status and "Check now". Saving the settings also plans
 * again and tells every page (the monitor service does).
 */
import type { MonitorService } from '../services/monitor';
import type { AreaHandlers } from './types';

export function monitorOperations(monitor: MonitorService): AreaHandlers<'monitor'> {
  return {
    'monitor.settings': () => monitor.settings(),
    'monitor.saveSettings': (next) => monitor.saveSettings(next),
    'monitor.status': () => monitor.status(),
    'monitor.checkNow': () => monitor.checkNow('check_now'),
  };
}
