/** Wires the contract's operations to services. Shared by the Electron app and the web host. */
import { defaultThresholds } from '@shared/domain/health/model';
import { defaultInviteTemplate } from '@shared/domain/invite';
import type { RateLimitInfo } from '../codat/http';
import { silentLog } from '../log';
import type { PlatformPorts } from '../ports';
import { createExternalLinkPolicy, type ExternalLinkPolicy } from '../security/external-links';
import { createRedactor, type Redactor } from '../security/redaction';
import { createAppInfoService } from '../services/app-info';
import { createAuditLog } from '../services/audit';
import { createCompanyService } from '../services/companies';
import { createHealthScanService } from '../services/health-scan';
import { createBrandingStore } from '../branding/store';
import { createConnectivityMonitor } from '../services/connectivity';
import { createIntegrationService } from '../services/integrations';
import { createInvestigateService } from '../services/investigate';
import { createProfileService, type ProfileService, type ProfileServiceOptions } from '../services/profiles';
import { createSystemService } from '../services/system';
import { auditActionLabels, type AuditAction, type AuditRecord } from '@shared/domain/audit';
import { BridgeFailure } from '@shared/result';
import { defaultBrandingSettings, type ProfileSummary } from '@shared/contract';
import type { Handlers } from './dispatcher';
import { createEventHub, type EventHub } from './events';

export interface MainServices {
  handlers: Handlers;
  linkPolicy: ExternalLinkPolicy;
  hub: EventHub;
  redactor: Redactor;
  profiles: ProfileService;
  scans: ReturnType<typeof createHealthScanService>;
  /** A cached branding image for the hosts to serve at /branding-cache/<name>. */
  brandingImage(name: string): Promise<{ bytes: Buffer; contentType: string } | null>;
  /** Stops background timers (the connectivity poll). */
  dispose(): void;
}

export function createMainServices(
  ports: PlatformPorts,
  tuning: {
    http?: ProfileServiceOptions['http'];
    /** The host's redactor, when it redacts something of its own too (the support log). */
    redactor?: Redactor;
  } = {},
): MainServices {
  const redactor = tuning.redactor ?? createRedactor();
  const hub = createEventHub({ redact: redactor.redactValue });
  const log = ports.log ?? silentLog;
  const linkPolicy = createExternalLinkPolicy();
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
  const companies = createCompanyService({ api: () => profiles.activeApi() });
  const now = ports.now ?? Date.now;
  const connectivity = createConnectivityMonitor({
    now,
    // Unauthenticated, so it costs no quota; any HTTP answer at all means the host is there.
    probe: async () => {
      const active = profiles.active();
      const baseUrl = active.builtIn ? (await profiles.activeApi()).http.baseUrl : active.baseUrl;
      await fetch(`${baseUrl}/`, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(4_000) });
      return true;
    },
    onChange: (state) => {
      hub.emit('codat.connectivity', state);
      if (!state.online) integrations.wentOffline();
    },
    onReconnected: () => integrations.reconnected(),
  });
  const brandingSettings = () => ports.settings.read().branding ?? defaultBrandingSettings;
  const integrations = createIntegrationService({
    api: () => profiles.activeApi(),
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
    settings: brandingSettings,
    now,
    knownOffline: () => connectivity.state().online === false,
    // Codat's API serves no mark of its own; the training sandbox does, so the preview can show one.
    poweredByUrl: (baseUrl) => (profiles.active().builtIn ? `${baseUrl}/branding/codat/powered-by.svg` : null),
    onChange: (state) => hub.emit('integrations.changed', state),
  });
  const thresholds = () => ports.settings.read().thresholds ?? defaultThresholds;
  const offlineConnectors = async () =>
    new Set((await integrations.list()).integrations.filter((card) => card.isOfflineConnector).map((card) => card.key));
  const audit = createAuditLog({
    directory: ports.auditDirectory,
    user: ports.userName,
    redact: redactor.redact,
    onStatus: (status) => hub.emit('audit.status', status),
    log,
  });

  function investigateSource() {
    const active = profiles.active();
    let host = active.baseUrl;
    try {
      host = new URL(active.baseUrl).host;
    } catch {
      host = 'training sandbox (this computer)';
    }
    return { profile: active.name, host };
  }
  const investigate = createInvestigateService({
    now,
    api: () => profiles.activeApi(),
    companies,
    offlineConnectors,
    thresholds,
    source: () => investigateSource(),
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
  const scans = createHealthScanService({
    now,
    api: () => profiles.activeApi(),
    offlineConnectors,
    thresholds,
    rateLimit: () => rateLimit,
    onProgress: (state) => hub.emit('health.progress', state),
  });
  // Whatever was learnt under one profile must not show under another.
  profiles.onSwitch(() => {
    const active = profiles.active();
    log.info(`[profiles] now using ${active.name} (${active.environment}, ${investigateSource().host})`);
    rateLimit = null;
    companies.clear();
    connectivity.reset();
    scans.clear();
  });
  const appInfo = createAppInfoService(
    ports.facts,
    ports.vault,
    profiles,
    () => ports.settings.notices,
    () => audit.status(),
  );
  const system = createSystemService(linkPolicy, ports.opener, ports.notifier, ports.logDirectory ?? null);
  const auditProfile = () => {
    const { source } = { source: investigateSource() };
    const active = profiles.active();
    return { name: active.name, environment: active.environment, host: source.host };
  };
  /**
   * Runs a write and records it, whether it worked or not; the caller gets the write's real outcome even when
   * the record cannot be written yet (the audit log keeps it, retries, and says so).
   */
  async function audited<T>(
    action: AuditAction,
    target: AuditRecord['target'],
    write: () => Promise<T>,
    describe?: (value: T) => AuditRecord['target'],
    detailOf?: (value: T) => string | undefined,
  ): Promise<T> {
    const profile = auditProfile();
    try {
      const value = await write();
      const detail = detailOf?.(value);
      audit.record({
        profile,
        action,
        target: { ...target, ...describe?.(value) },
        ...(detail ? { detail } : {}),
        result: { ok: true },
      });
      return value;
    } catch (error) {
      const failure =
        error instanceof BridgeFailure ? error.error : { code: 'internal', message: 'Unexpected failure' };
      audit.record({
        profile,
        action,
        target,
        result: {
          ok: false,
          code: failure.code,
          message: failure.message,
          ...('status' in failure && failure.status !== undefined ? { status: failure.status } : {}),
          ...('correlationId' in failure && failure.correlationId ? { correlationId: failure.correlationId } : {}),
        },
      });
      throw error;
    }
  }
  /** Names for the audit trail, from what main already knows (no extra Codat request). */
  const companyTarget = async (companyId: string, connectionId?: string) => {
    try {
      const company = await companies.get(companyId, false);
      const connection = company.dataConnections?.find((candidate) => candidate.id === connectionId);
      return {
        companyId,
        companyName: company.name,
        ...(connectionId ? { connectionId } : {}),
        ...(connection ? { platformName: connection.platformName } : {}),
      };
    } catch {
      return { companyId, ...(connectionId ? { connectionId } : {}) };
    }
  };
  const inviteSettings = () => ports.settings.read().invite ?? { template: defaultInviteTemplate, sender: '' };

  const handlers: Handlers = {
    'app.info': () => appInfo.info(),
    'profiles.list': () => profiles.list(),
    'profiles.save': async (input) => {
      if (!input.id) return audited('profile.add', { profileName: input.name }, () => profiles.save(input));
      const before = profiles.list().profiles.find((profile) => profile.id === input.id);
      const saved = await audited(
        'profile.edit',
        { profileName: before?.name ?? input.name },
        () => profiles.save(input),
        (after) => ({ profileName: after.name }),
        (after) => (before ? describeProfileEdit(before, after, !!input.apiKey) : undefined),
      );
      // Its host may have changed: the branding cache is checked against it again.
      integrations.forget(saved.id);
      return saved;
    },
    'profiles.remove': ({ id }) => {
      const name = profiles.list().profiles.find((profile) => profile.id === id)?.name ?? id;
      return audited('profile.remove', { profileName: name }, async () => profiles.remove(id));
    },
    'profiles.activate': ({ id }) => profiles.activate(id),
    'profiles.test': ({ id }) => profiles.test(id),
    'companies.search': ({ text, page, pageSize }) => companies.search(text, page, pageSize),
    'companies.get': ({ companyId, fresh }) => companies.get(companyId, fresh),
    'companies.findByName': ({ name }) => companies.findByName(name),
    'companies.create': (input) =>
      audited(
        'company.create',
        { companyName: input.customerId },
        () => companies.create(input),
        (company) => ({
          companyId: company.id,
          companyName: company.name,
        }),
      ),
    'data.status': ({ companyId }) => companies.dataStatus(companyId),
    'connections.create': async ({ companyId, platformKey }) => {
      const { integrations: cards } = await integrations.list();
      const card = cards.find((candidate) => candidate.key === platformKey);
      return audited(
        'connection.create',
        { ...(await companyTarget(companyId)), platformName: card?.name ?? platformKey },
        () => companies.createConnection(companyId, platformKey, card?.sourceType),
        (connection) => ({ connectionId: connection.id }),
      );
    },
    'connections.unlink': async ({ companyId, connectionId }) =>
      audited('connection.unlink', await companyTarget(companyId, connectionId), () =>
        companies.unlinkConnection(companyId, connectionId),
      ),
    'connections.delete': async ({ companyId, connectionId }) =>
      audited('connection.delete', await companyTarget(companyId, connectionId), () =>
        companies.deleteConnection(companyId, connectionId),
      ),
    'companies.delete': async ({ companyId }) =>
      audited('company.delete', await companyTarget(companyId), () => companies.deleteCompany(companyId)),
    'invites.composed': async ({ companyId, connectionId, how }) => {
      audit.record({
        profile: auditProfile(),
        action: 'invite.compose',
        target: await companyTarget(companyId, connectionId),
        detail: how === 'copied' ? 'Invite copied' : 'Invite opened in the email app',
        result: { ok: true },
      });
      return { recorded: true as const };
    },
    'audit.list': ({ action, company, from, to }) => {
      const { records, warnings } = audit.read();
      const text = company?.trim().toLowerCase();
      return {
        records: records.filter(
          (record) =>
            (!action || record.action === action) &&
            (!text ||
              record.target.companyId?.toLowerCase() === text ||
              (record.target.companyName ?? '').toLowerCase().includes(text)) &&
            (!from || record.at >= from) &&
            (!to || record.at <= to),
        ),
        warnings,
      };
    },
    'connections.get': ({ companyId, connectionId }) => companies.getConnection(companyId, connectionId),
    'integrations.list': () => {
      // A cache hit asks Codat nothing, so check (for free) that the page is not showing "online" wrongly.
      void connectivity.check();
      return integrations.list();
    },
    'integrations.refresh': () => integrations.refresh(),
    'branding.settings': () => brandingSettings(),
    'branding.saveSettings': (next) => {
      ports.settings.write({ ...ports.settings.read(), branding: next });
      return brandingSettings();
    },
    // The page asks only at moments that matter (load, profile change, the picker opening): always probe.
    'codat.checkConnectivity': () => connectivity.check(true),
    'data.history': ({ companyId, page, pageSize, errorsOnly }) =>
      investigate.history(companyId, page, pageSize, errorsOnly),
    'data.pull': ({ companyId, datasetId }) => investigate.pull(companyId, datasetId),
    'data.refreshAll': async ({ companyId }) =>
      audited('data.refreshAll', await companyTarget(companyId), () => investigate.refreshAll(companyId)),
    'data.refreshDataType': async ({ companyId, dataType, connectionId }) =>
      audited('data.refreshType', { ...(await companyTarget(companyId, connectionId)), dataType }, () =>
        investigate.refreshDataType(companyId, dataType, connectionId),
      ),
    'diagnosis.company': ({ companyId }) => investigate.health(companyId),
    'diagnosis.report': ({ companyId }) => investigate.report(companyId),
    'diagnosis.timeline': ({ companyId, connectionId }) => investigate.timeline(companyId, connectionId),
    'health.startScan': () => scans.start(),
    'health.cancelScan': ({ scanId }) => scans.cancel(scanId),
    'health.results': () => scans.results(),
    'health.thresholds': () => thresholds(),
    'health.saveThresholds': (next) => {
      ports.settings.write({ ...ports.settings.read(), thresholds: next });
      return thresholds();
    },
    'invites.settings': () => inviteSettings(),
    'invites.saveSettings': (settings) => {
      ports.settings.write({ ...ports.settings.read(), invite: settings });
      return inviteSettings();
    },
    'system.openExternal': ({ url }) => system.openExternal(url),
    'system.notify': ({ title, body }) => system.notify(title, body),
    'system.openLogsFolder': () => system.openLogsFolder(),
  };
  return {
    handlers,
    linkPolicy,
    hub,
    redactor,
    profiles,
    scans,
    brandingImage: (name) => integrations.readImage(name),
    dispose: () => {
      connectivity.stop();
      audit.dispose();
    },
  };
}

/** What a profile edit changed, in a few words for the audit trail (the key itself never, only its hint). */
function describeProfileEdit(before: ProfileSummary, after: ProfileSummary, keyReplaced: boolean): string {
  const changes = [
    before.name !== after.name ? `renamed from ${before.name}` : null,
    before.baseUrl !== after.baseUrl ? `address ${before.baseUrl} → ${after.baseUrl}` : null,
    before.environment !== after.environment ? `environment ${before.environment} → ${after.environment}` : null,
    keyReplaced ? `key replaced (${before.keyHint ?? 'none'} → ${after.keyHint ?? 'none'})` : null,
  ].filter((change): change is string => change !== null);
  return changes.length > 0 ? `Changed: ${changes.join('; ')}` : 'Saved without changes';
}
