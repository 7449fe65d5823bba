import { useMemo } from 'react';
import type { HealthThresholds } from '@shared/domain/health/model';
import { linkdesk } from '@renderer/api';

/** The scan's thresholds, kept by main and applied from the next scan. */
export function useThresholds() {
  return useMemo(
    () => ({
      load: () => linkdesk.health.thresholds(),
      save: (values: HealthThresholds) => linkdesk.health.saveThresholds(values),
    }),
    [],
  );
}
