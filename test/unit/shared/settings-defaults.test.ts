/** The defaults a new console starts with are settings the console itself accepts, and older files read the same. */
import { describe, expect, it } from 'vitest';
import { brandingSettingsSchema, followUpSettingsSchema } from '@shared/contract';
import { healthThresholdsSchema } from '@shared/domain/health/model';
import { monitorSettingsSchema } from '@shared/domain/inbox';
import { missingPlaceholders } from '@shared/domain/invite';
import {
  defaultBrandingSettings,
  defaultFollowUpSettings,
  defaultInviteTemplate,
  defaultMonitorSettings,
  defaultThresholds,
} from '@shared/settings-defaults';

describe('settings defaults', () => {
  it('pass the checks their Save goes through (a default the form refused could never be saved back)', () => {
    expect(brandingSettingsSchema.strict().parse(defaultBrandingSettings)).toEqual(defaultBrandingSettings);
    expect(followUpSettingsSchema.strict().parse(defaultFollowUpSettings)).toEqual(defaultFollowUpSettings);
    expect(healthThresholdsSchema.strict().parse(defaultThresholds)).toEqual(defaultThresholds);
    for (const environment of ['training', 'test', 'production'] as const) {
      const monitor = defaultMonitorSettings(environment);
      expect(monitorSettingsSchema.strict().parse(monitor)).toEqual(monitor);
    }
    expect(missingPlaceholders(defaultInviteTemplate)).toEqual([]);
  });

  it('give follow-up settings saved before there was a choice of notices every kind, as a new console has', () => {
    const saved = { checkEveryMinutes: defaultFollowUpSettings.checkEveryMinutes };
    expect(followUpSettingsSchema.parse(saved)).toEqual(defaultFollowUpSettings);
  });
});
