/**
 * The composition root: creates main's services from the host's platform ports, wires them to each other and to
 * the event hub, and assembles the operation table area by area. Shared by the desktop app and the web host; the
 * only file that knows every service.
 */
import { auditActionLabels } from '@shared/domain/audit';
import type { InboxIssue, MonitorRound } from '@shared/domain/inbox';
import {
  defaultBrandingSettings,
  defaultFollowUpSettings,
  defaultInviteTemplate,
  defaultMonitorSettings,
  defaultThresholds,
} from '@shared/settings-defaults';
import type { MonitoringControls } from './background';
import { createBrandingStore } from './branding/store';
import { createDispatcher, type Dispatch, type DispatcherOptions, type Handlers } from './bridge/dispatcher';
import { createEventHub, type EventHub } from './bridge/events';
import type { RateLimitInfo } from './codat/http';
import { silentLog } from './log';
import { appOperations } from './operations/app';
import { auditOperations } from './operations/audit';
import { createAuditTargets } from './operations/audit-targets';
import { codatOperations } from './operations/codat';
import { companyOperations } from './operations/companies';
import { connectionOperations } from './operations/connections';
import { dataOperations } from './operations/data';
import { diagnosisOperations } from './operations/diagnosis';
import { healthOperations } from './operations/health';
import { integrationOperations } from './operations/integrations';
import { followUpOperations } from './operations/followups';
import { inviteOperations } from './operations/invites';
import { profileOperations } from './operations/profiles';
import { systemOperations } from './operations/system';
import type { PlatformPorts } from './ports';
import { createExternalLinkPolicy, type ExternalLinkPolicy } from './security/external-links';
import { createRedactor, type Redactor } from './security/redaction';
import { inboxOperations } from './operations/inbox';
import { monitorOperations } from './operations/monitor';
import { followInboxBadge } from './services/app-badge';
import { createAppInfoService } from './services/app-info';
import { createAuditLog } from './services/audit';
import { createCompanyService } from './services/companies';
import { createCompanyCache } from './services/company-cache';
import { createConnectionService } from './services/connections';
import { createConnectivityMonitor } from './services/connectivity';
import { createDataService } from './services/data';
import { createDisposables } from './services/disposables';
import { createDiagnosisService } from './services/diagnosis';
import { createFollowUpAnnouncer } from './services/followup-notifications';
import { createFollowUpService } from './services/followups';
import { createFollowUpWatcher, type FollowUpWatcher } from './services/followups-watcher';
import { createHandOverStore } from './services/handovers-store';
import { createCloserLookCache, createHealthScanService, type HealthScanService } from './services/health-scan';
import { createInboxService } from './services/inbox';
import { createInboxStore } from './services/inbox-store';
import { createMonitorService, monitoringControls, type MonitorService } from './services/monitor';
import { createRoundNotifier } from './services/round-alerts';
import { createScheduler } from './services/scheduler';
import { createIntegrationService } from './services/integrations';
import { createProfileService, type ProfileService, type ProfileServiceOptions } from './services/profiles';
import { createSystemService } from './services/system';
import type { Timer } from './services/timer';
import { monitorSettingsSection, settingsSection } from './storage/settings';

export interface MainServices {
  handlers: Handlers;
  /** The bridge's gate over these handlers, redacting with this redactor and recording writes in this audit log. */
  dispatcher(options: Pick<DispatcherOptions, 'isTrustedCaller'>): Dispatch;
  linkPolicy: ExternalLinkPolicy;
  hub: EventHub;
  redactor: Redactor;
  profiles: ProfileService;
  scans: HealthScanService;
  /** Follows handed-over links while the console runs. */
  followUps: FollowUpWatcher;
  /** Watches the portfolio in the background and keeps the issues inbox. */
  monitor: MonitorService;
  /** A cached branding image for the hosts to serve at /branding-cache/<name>. */
  brandingImage(name: string): Promise<{ bytes: Buffer; contentType: string } | null>;
  /**
   * What the desktop app's tray needs of the monitor: whether the active profile is monitored (closing the last
   * window then keeps the app in the tray), Pause / Resume (the profile's "Monitor in the background" setting, saved
   * as Settings saves it) and Check now.
   */
  monitoring: MonitoringControls;
  /** Stops background timers (the connectivity poll, the follow-up watcher, the monitor, audit retries). */
  dispose(): void;
}

export function createMainServices(
  ports: PlatformPorts,
  tuning: {
    http?: ProfileServiceOptions['http'];
    /** The host's redactor, when it redacts something of its own too (the support log). */
    redactor?: Redactor;
    /** The follow-up watcher's timer (tests fire it themselves). */
    followUpTimer?: Timer;
    /** The monitor's timer (tests fire it themselves). */
    monitorTimer?: Timer;
    /** The monitor's list page size (benchmarks and tests; Codat's default here is 2 000). */
    monitorPageSize?: number;
    /**
     * Told when a monitor round (or a Health page scan) ended, with the issues it made new or reopened that deserve
     * a notification. The desktop host's tray and badge plug in here (see `announceRound` below).
     */
    onRoundEnded?: (round: MonitorRound, alerts: InboxIssue[]) => void;
  } = {},
): MainServices {
  const redactor = tuning.redactor ?? createRedactor();
  const hub = createEventHub({ redact: redactor.redactValue });
  const log = ports.log ?? silentLog;
  const now = ports.now ?? Date.now;
  const linkPolicy = createExternalLinkPolicy();
  const disposables = createDisposables();
  /** Local origins (the training sandbox) whose pages may be opened and whose logos may be fetched over http. */
  const localOrigins = new Set<string>();
  let rateLimit: RateLimitInfo | null = null;

  const profiles = createProfileService({
    settings: ports.settings,
    vault: ports.vault,
    training: ports.training,
    redactor,
    allowOrigin: (origin) => {
      localOrigins.add(origin);
      linkPolicy.allowOrigin(origin);
    },
    onRateLimit: (info) => {
      rateLimit = info;
      hub.emit('codat.rateLimit', info);
    },
    onReachability: (online) => connectivity.report(online),
    onChanged: (activeId) => hub.emit('profiles.changed', { activeId }),
    log,
    ...(tuning.http ? { http: tuning.http } : {}),
  });
  const api = () => profiles.activeApi();
  /** Where the active profile's API is, in words for reports and the audit trail. */
  const activeHost = () => {
    try {
      return new URL(profiles.active().baseUrl).host;
    } catch {
      return 'training sandbox (this computer)';
    }
  };

  const connectivity = createConnectivityMonitor({
    now,
    // Unauthenticated, so it costs no quota; any HTTP answer at all means the host is there.
    probe: async () => {
      const active = profiles.active();
      const baseUrl = active.builtIn ? (await api()).http.baseUrl : active.baseUrl;
      await fetch(`${baseUrl}/`, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(4_000) });
      return true;
    },
    onChange: (state) => {
      hub.emit('codat.connectivity', state);
      if (!state.online) integrations.wentOffline();
    },
    onReconnected: () => integrations.reconnected(),
  });

  const cacheSettings = settingsSection(ports.settings, 'branding', () => defaultBrandingSettings);
  const thresholds = settingsSection(ports.settings, 'thresholds', () => defaultThresholds);
  const followUpSettings = settingsSection(ports.settings, 'followups', () => defaultFollowUpSettings);
  const inviteSettings = settingsSection(ports.settings, 'invite', () => ({
    template: defaultInviteTemplate,
    sender: '',
  }));

  const integrations = createIntegrationService({
    api,
    profileId: () => profiles.active().id,
    expectedBaseUrl: () => {
      const active = profiles.active();
      return active.builtIn ? null : active.baseUrl;
    },
    trustedImageOrigins: () => [...localOrigins],
    store: createBrandingStore({
      root: ports.brandingDirectory,
      now,
      onProblem: (message) => log.warn(`[branding] ${message}`),
    }),
    settings: () => cacheSettings.read(),
    now,
    knownOffline: () => connectivity.state().online === false,
    // Codat's API serves no mark of its own; the training sandbox does, so the preview can show one.
    poweredByUrl: (baseUrl) => (profiles.active().builtIn ? `${baseUrl}/branding/codat/powered-by.svg` : null),
    onChange: (state) => hub.emit('integrations.changed', state),
  });
  const platform = async (key: string) => (await integrations.list()).integrations.find((card) => card.key === key);
  const offlineConnectors = async () =>
    new Set((await integrations.list()).integrations.filter((card) => card.isOfflineConnector).map((card) => card.key));

  const audit = createAuditLog({
    directory: ports.auditDirectory,
    user: ports.userName,
    redact: redactor.redact,
    onStatus: (status) => hub.emit('audit.status', status),
    log,
  });

  const cache = createCompanyCache(now, (connection) => followUps.sawConnection(connection));
  const companies = createCompanyService({ api, cache });
  const handOverStore = createHandOverStore({
    directory: ports.followUpsDirectory,
    now,
    onProblem: (message) => log.warn(`[followups] ${message}`),
  });
  const announcer = createFollowUpAnnouncer({
    notifier: ports.notifier,
    notify: () => followUpSettings.read().notify,
  });
  const followUpWatcher = createFollowUpWatcher({
    store: handOverStore,
    api,
    profileId: () => profiles.active().id,
    now,
    intervalMs: () => followUpSettings.read().checkEveryMinutes * 60_000,
    rateLimit: () => rateLimit,
    scheduler: createScheduler({
      now,
      area: 'followups',
      profileSwitches: profiles,
      disposables,
      ...(tuning.followUpTimer ? { timer: tuning.followUpTimer } : {}),
    }),
    profileSwitches: profiles,
    disposables,
    events: hub,
    announcer,
  });
  const followUps = createFollowUpService({
    store: handOverStore,
    now,
    user: ports.userName,
    profileId: () => profiles.active().id,
    company: async (companyId, fresh) =>
      (fresh ? null : cache.known(companyId)) ?? companies.get(companyId, fresh === true),
    rateLimit: () => rateLimit,
    dataStatus: async (companyId) => (await api()).dataStatus(companyId),
    watchState: () => followUpWatcher.state(),
    onRecorded: (profileId) => {
      hub.emit('followups.changed', { profileId, events: [] });
      followUpWatcher.wake();
    },
    onCleared: (profileId) => hub.emit('followups.changed', { profileId, events: [] }),
  });
  const connections = createConnectionService({ api, cache, companies });
  const data = createDataService({ api });
  const diagnosis = createDiagnosisService({
    now,
    api,
    companies,
    connections,
    offlineConnectors,
    thresholds: () => thresholds.read(),
    source: () => ({ profile: profiles.active().name, host: activeHost() }),
    auditFor: (connectionId) =>
      audit
        .read()
        .records.filter((record) => record.target.connectionId === connectionId)
        .map((record) => ({
          at: record.at,
          title: `${auditActionLabels[record.action]} in Linkdesk by ${record.user}`,
          ...(record.result.ok
            ? record.detail
              ? { detail: record.detail }
              : {}
            : { detail: `Failed: ${record.result.message}` }),
          ok: record.result.ok,
        })),
  });
  // The Health page's scan and the monitor's rounds share their closer looks: neither pays for what the other read.
  const looks = createCloserLookCache();
  const scans = createHealthScanService({
    now,
    api,
    offlineConnectors,
    thresholds: () => thresholds.read(),
    rateLimit: () => rateLimit,
    looks,
    profileId: () => profiles.active().id,
    lifetime: { profileSwitches: profiles, disposables },
    onProgress: (state) => hub.emit('health.progress', state),
    // What the Health page's scan saw goes into the same issues inbox.
    onFinished: (outcome) =>
      void monitor
        .scanFinished(outcome)
        .catch((error: unknown) =>
          log.error(`[monitor] a Health scan could not be added to the inbox: ${String(error)}`),
        ),
  });
  const monitorSettings = monitorSettingsSection(ports.settings, (profileId) =>
    defaultMonitorSettings(
      profiles.list().profiles.find((profile) => profile.id === profileId)?.environment ?? 'production',
    ),
  );
  const monitorScheduler = createScheduler({
    now,
    area: 'monitor',
    profileSwitches: profiles,
    disposables,
    ...(tuning.monitorTimer ? { timer: tuning.monitorTimer } : {}),
  });
  const inboxStore = createInboxStore({
    directory: ports.inboxDirectory,
    now,
    onProblem: (message) => log.warn(`[inbox] ${message}`),
  });
  const inbox = createInboxService({
    store: inboxStore,
    scheduler: monitorScheduler,
    events: hub,
    profileSwitches: profiles,
    disposables,
    profileId: () => profiles.active().id,
    resolveAfterHours: (profileId) => monitorSettings.read(profileId).resolveAfterHours,
    now,
    user: ports.userName,
  });
  const roundNotifier = createRoundNotifier({ notifier: ports.notifier, events: hub });
  const monitor = createMonitorService({
    store: inboxStore,
    inbox,
    scanner: (onProgress) =>
      createHealthScanService({
        api,
        offlineConnectors,
        thresholds: () => thresholds.read(),
        rateLimit: () => rateLimit,
        now,
        looks,
        onProgress,
        ...(tuning.monitorPageSize ? { pageSize: tuning.monitorPageSize } : {}),
      }),
    scheduler: monitorScheduler,
    events: hub,
    profileSwitches: profiles,
    disposables,
    settings: monitorSettings,
    rateLimit: () => rateLimit,
    profileId: () => profiles.active().id,
    now,
    onRoundEnded: (ended) => {
      tuning.onRoundEnded?.(ended.round, ended.alerts);
      roundNotifier.roundEnded(ended);
    },
  });
  const appInfo = createAppInfoService(
    ports.facts,
    ports.vault,
    profiles,
    () => ports.settings.notices,
    () => audit.status(),
  );
  const system = createSystemService(linkPolicy, ports.opener, ports.notifier, ports.logDirectory ?? null);

  // Whatever was learnt under one profile must not show under another.
  profiles.onSwitch(() => {
    const active = profiles.active();
    log.info(`[profiles] now using ${active.name} (${active.environment}, ${activeHost()})`);
    rateLimit = null;
    companies.clear();
    connectivity.reset();
    followUps.forgetSightings();
  });

  const targets = createAuditTargets(cache);
  const handlers: Handlers = {
    ...appOperations(appInfo),
    ...profileOperations(profiles, (profileId) => integrations.forget(profileId)),
    ...companyOperations(companies, targets),
    ...connectionOperations(connections, targets, platform),
    ...dataOperations(data, targets),
    ...diagnosisOperations(diagnosis),
    ...healthOperations(scans, thresholds),
    ...integrationOperations(integrations, cacheSettings, connectivity),
    ...inviteOperations(inviteSettings, targets, followUps),
    ...inboxOperations(inbox),
    ...monitorOperations(monitor),
    ...followUpOperations(
      followUps,
      followUpSettings,
      () => followUpWatcher.wake(),
      targets,
      async () => {
        const { checked, problem } = await followUpWatcher.checkNow();
        return { checked, problem };
      },
    ),
    ...auditOperations(audit),
    ...codatOperations(connectivity),
    ...systemOperations(system),
  };
  const auditor = {
    record: (entry: Parameters<DispatcherOptions['auditor']['record']>[0]) => {
      const active = profiles.active();
      audit.record({ profile: { name: active.name, environment: active.environment, host: activeHost() }, ...entry });
    },
  };

  // Only while the console runs: dispose() stops it.
  followUpWatcher.start();
  inbox.start();
  monitor.start();
  const stopBadge = ports.badge ? followInboxBadge(hub, ports.badge) : () => {};

  return {
    handlers,
    dispatcher: ({ isTrustedCaller }) =>
      createDispatcher(handlers, {
        isTrustedCaller,
        auditor,
        redact: redactor.redact,
        redactValue: redactor.redactValue,
        onUnexpectedError: (operation, error) => log.error(`[bridge] ${operation} failed: ${String(error)}`),
      }),
    linkPolicy,
    hub,
    redactor,
    profiles,
    scans,
    followUps: followUpWatcher,
    monitor,
    brandingImage: (name) => integrations.readImage(name),
    monitoring: monitoringControls(monitor),
    dispose: () => {
      connectivity.stop();
      disposables.dispose();
      audit.dispose();
      stopBadge();
    },
  };
}
