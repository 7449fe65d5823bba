/**
 * Every setting's default, in one place: what a new console starts with, what a profile has until it has its own,
 * and what "Restore the default" puts back. The settings' schemas stay with what they describe (the contract, the
 * domain modules); test/unit/shared/settings-defaults.test.ts checks each default against its schema.
 */
import type { BrandingSettings } from './contract/integrations';
import type { FollowUpSettings } from './contract/followups';
import type { FollowUpNotify } from './domain/followup-notices';
import type { HealthThresholds } from './domain/health/model';
import type { MonitorSettings } from './domain/inbox';
import type { InviteTemplate } from './domain/invite';

/** The branding cache: fetched again after a week, images kept under 50 MB. */
export const defaultBrandingSettings: BrandingSettings = { ttlDays: 7, maxMegabytes: 50 };

/** Every kind of follow-up is notified until the user turns some off. */
export const defaultFollowUpNotify: FollowUpNotify = {
  linked: true,
  firstSync: true,
  expiringSoon: true,
  expired: true,
};

export const defaultFollowUpSettings: FollowUpSettings = { checkEveryMinutes: 2, notify: defaultFollowUpNotify };

/** When the Health scan flags a connection, and when it looks closer. */
export const defaultThresholds: HealthThresholds = {
  pendingAuthHours: 24,
  syncStuckHours: 6,
  staleDays: 30,
  closerLookHours: 12,
};

/** A profile's monitor: off for Production until turned on (its rounds spend the live quota), on for the others. */
export const defaultMonitorSettings = (environment: 'training' | 'test' | 'production'): MonitorSettings => ({
  enabled: environment !== 'production',
  everyMinutes: 30,
  resolveAfterHours: 24,
  dailyBudgetPercent: 5,
});

export const defaultInviteTemplate: InviteTemplate = {
  subject: 'Connect {platform} for {customer}',
  body: [
    'Hello,',
    '',
    'To finish setting up {customer}, please connect your {platform} account using this secure link:',
    '',
    '{link}',
    '',
    'The link works once and expires 24 hours after it was sent. If it has expired or was already used, reply to this email and we will send a fresh one.',
    '',
    'Thank you,',
    '{sender}',
  ].join('\n'),
};
