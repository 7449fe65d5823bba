/**
 * What the composition root's areas share as it wires them (src/main/composition.ts calls each area's wiring in
 * turn): the host's ports and tuning, the event hub, the log, the disposables, the profiles, and the settings sections.
 */
import type { InboxIssue, MonitorRound } from '@shared/domain/inbox';
import {
  defaultFollowUpSettings,
  defaultInviteTemplate,
  defaultMonitorSettings,
  defaultThresholds,
} from '@shared/settings-defaults';
import type { EventHub } from '../bridge/events';
import type { RateLimitInfo } from '../codat/http';
import type { Logger } from '../log';
import type { PlatformPorts } from '../ports';
import type { Redactor } from '../security/redaction';
import type { ActiveProfile } from '../services/active-profile';
import type { Disposables } from '../services/disposables';
import type { ProfileService, ProfileServiceOptions } from '../services/profiles';
import type { Timer } from '../services/timer';
import { monitorSettingsSection, settingsSection, type SettingsStore } from '../storage/settings';

/** What tests, benchmarks and the hosts tune. */
export interface MainTuning {
  http?: ProfileServiceOptions['http'];
  /** The host's redactor, when it redacts something of its own too (the support log). */
  redactor?: Redactor;
  /** The follow-up watcher's timer (tests fire it themselves). */
  followUpTimer?: Timer;
  /** The monitor's timer (tests fire it themselves). */
  monitorTimer?: Timer;
  /** The monitor's list page size (benchmarks and tests; Codat's default here is 2 000). */
  monitorPageSize?: number;
  /** Told when a monitor round (or a Health page scan) ended, with its alerts (tests see every round's). */
  onRoundEnded?: (round: MonitorRound, alerts: InboxIssue[]) => void;
}

/** What every area's wiring shares. */
export interface Wiring {
  ports: PlatformPorts;
  tuning: MainTuning;
  hub: EventHub;
  log: Logger;
  now(): number;
  disposables: Disposables;
  /** Services that keep something per profile follow its switches here. */
  profiles: ProfileService;
  active: ActiveProfile;
  /** What Codat last said of the day's quota (null after a profile switch, until it says again). */
  rateLimit(): RateLimitInfo | null;
  offlineConnectors(): Promise<ReadonlySet<string>>;
  sections: SettingsSections;
}

/** The settings sections the areas read (the branding cache's is the integrations'). */
export function settingsSections(store: SettingsStore, profiles: ProfileService) {
  const environmentOf = (profileId: string) =>
    profiles.list().profiles.find((profile) => profile.id === profileId)?.environment ?? 'production';
  return {
    thresholds: settingsSection(store, 'thresholds', () => defaultThresholds),
    followUps: settingsSection(store, 'followups', () => defaultFollowUpSettings),
    invite: settingsSection(store, 'invite', () => ({ template: defaultInviteTemplate, sender: '' })),
    monitor: monitorSettingsSection(store, (profileId) => defaultMonitorSettings(environmentOf(profileId))),
  };
}

export type SettingsSections = ReturnType<typeof settingsSections>;
