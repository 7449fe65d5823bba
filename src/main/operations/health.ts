import type { SettingsSection } from '../storage/settings';
import type { HealthScanService } from '../services/health-scan';
import type { AreaHandlers } from './types';

export function healthOperations(
  scans: HealthScanService,
  thresholds: SettingsSection<'thresholds'>,
): AreaHandlers<'health'> {
  return {
    'health.startScan': () => scans.start(),
    'health.cancelScan': ({ scanId }) => scans.cancel(scanId),
    'health.results': () => scans.results(),
    'health.thresholds': () => thresholds.read(),
    'health.saveThresholds': (next) => thresholds.save(next),
  };
}
