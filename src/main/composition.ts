/**
 * The composition root: creates main's services from the host's platform ports, wires them to each other and to
 * the event hub, and assembles the operation table area by area. Shared by the desktop app and the web host; the
 * only file that knows every service. It decides nothing itself: each area's wiring is a function in wiring/.
 */
import type { MonitoringControls } from './background';
import { createDispatcher, type Dispatch, type DispatcherOptions, type Handlers } from './bridge/dispatcher';
import { createEventHub, type EventHub } from './bridge/events';
import { silentLog } from './log';
import { appOperations } from './operations/app';
import { auditOperations } from './operations/audit';
import { createAuditTargets } from './operations/audit-targets';
import { codatOperations } from './operations/codat';
import { companyOperations } from './operations/companies';
import { connectionOperations } from './operations/connections';
import { dataOperations } from './operations/data';
import { diagnosisOperations } from './operations/diagnosis';
import { followUpOperations } from './operations/followups';
import { healthOperations } from './operations/health';
import { inboxOperations } from './operations/inbox';
import { integrationOperations } from './operations/integrations';
import { inviteOperations } from './operations/invites';
import { monitorOperations } from './operations/monitor';
import { profileOperations } from './operations/profiles';
import { systemOperations } from './operations/system';
import type { PlatformPorts } from './ports';
import { createExternalLinkPolicy, type ExternalLinkPolicy } from './security/external-links';
import { createRedactor, type Redactor } from './security/redaction';
import { followInboxBadge } from './services/app-badge';
import { createAppInfoService } from './services/app-info';
import { createAuditLog } from './services/audit';
import { createDisposables } from './services/disposables';
import type { FollowUpWatcher } from './services/followups-watcher';
import type { HealthScanService } from './services/health-scan';
import { monitoringControls, type MonitorService } from './services/monitor';
import type { ProfileService } from './services/profiles';
import { createSystemService } from './services/system';
import { createCodatServices } from './wiring/codat';
import { createCompanyServices } from './wiring/companies';
import { createFollowUpServices } from './wiring/follow-ups';
import { createMonitoring } from './wiring/monitoring';
import { settingsSections, type MainTuning, type Wiring } from './wiring/shared';

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
  /** Watches the portfolio in the background; its rounds feed the issues inbox. */
  monitor: MonitorService;
  /** A cached branding image for the hosts to serve at /branding-cache/<name>. */
  brandingImage(name: string): Promise<{ bytes: Buffer; contentType: string } | null>;
  /**
   * What the desktop app's tray needs of the monitor: whether the active profile is monitored (closing the last
   * window then keeps the app in the tray), Pause / Resume (the profile's "Monitor in the background" setting, saved
   * as Settings saves it) and Check now.
   */
  monitoring: MonitoringControls;
  /** Stops what the services started (the connectivity poll, the background schedulers, audit retries, the badge). */
  dispose(): void;
}

export function createMainServices(ports: PlatformPorts, tuning: MainTuning = {}): MainServices {
  const redactor = tuning.redactor ?? createRedactor();
  const hub = createEventHub({ redact: redactor.redactValue });
  const log = ports.log ?? silentLog;
  const now = ports.now ?? Date.now;
  const linkPolicy = createExternalLinkPolicy();
  const disposables = createDisposables();

  const codat = createCodatServices(ports, tuning, { hub, log, now, disposables, redactor, linkPolicy });
  const { profiles, active, connectivity, integrations } = codat;
  const sections = settingsSections(ports.settings, profiles);
  const wiring: Wiring = { ports, tuning, hub, log, now, disposables, sections, ...codat };
  const audit = createAuditLog({
    directory: ports.auditDirectory,
    user: ports.userName,
    redact: redactor.redact,
    onStatus: (status) => hub.emit('audit.status', status),
    log,
  });
  disposables.add(() => audit.dispose());
  const records = createCompanyServices(wiring, audit, (connection) => followUps.handOvers.sawConnection(connection));
  const followUps = createFollowUpServices(wiring, records);
  const { scans, inbox, monitor } = createMonitoring(wiring);
  // Whatever was learnt under one profile must not show under another.
  disposables.add(
    profiles.onSwitch(() => {
      records.companies.clear();
      followUps.handOvers.forgetSightings();
    }),
  );

  const targets = createAuditTargets(records.cache);
  const appInfo = createAppInfoService(
    ports.facts,
    ports.vault,
    profiles,
    () => ports.settings.notices,
    () => audit.status(),
  );
  const system = createSystemService(linkPolicy, ports.opener, ports.notifier, ports.logDirectory ?? null);
  const platform = async (key: string) => (await integrations.list()).integrations.find((card) => card.key === key);
  const handlers: Handlers = {
    ...appOperations(appInfo),
    ...profileOperations(profiles, (profileId) => integrations.forget(profileId)),
    ...companyOperations(records.companies, targets),
    ...connectionOperations(records.connections, targets, platform),
    ...dataOperations(records.data, targets),
    ...diagnosisOperations(records.diagnosis),
    ...healthOperations(scans, sections.thresholds),
    ...integrationOperations(integrations, codat.branding, connectivity),
    ...inviteOperations(sections.invite, targets, followUps.handOvers),
    ...inboxOperations(inbox),
    ...monitorOperations(monitor),
    ...followUpOperations(
      followUps.handOvers,
      sections.followUps,
      () => followUps.watcher.wake(),
      targets,
      async () => {
        const { checked, problem } = await followUps.watcher.checkNow();
        return { checked, problem };
      },
    ),
    ...auditOperations(audit),
    ...codatOperations(connectivity),
    ...systemOperations(system),
  };
  const auditor: DispatcherOptions['auditor'] = {
    record: (entry) => {
      const { name, environment } = active.summary();
      audit.record({ profile: { name, environment, host: active.host() }, ...entry });
    },
  };

  // Only while the console runs: dispose() stops them.
  followUps.watcher.start();
  inbox.start();
  monitor.start();
  if (ports.badge) disposables.add(followInboxBadge(hub, ports.badge));

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
    followUps: followUps.watcher,
    monitor,
    brandingImage: (name) => integrations.readImage(name),
    monitoring: monitoringControls(monitor),
    dispose: () => disposables.dispose(),
  };
}
