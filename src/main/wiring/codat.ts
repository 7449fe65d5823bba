/** The composition root's Codat area: the profiles, the quota Codat last reported, connectivity, the integrations. */
import { defaultBrandingSettings } from '@shared/settings-defaults';
import { createBrandingStore } from '../branding/store';
import type { RateLimitInfo } from '../codat/http';
import type { PlatformPorts } from '../ports';
import type { ExternalLinkPolicy } from '../security/external-links';
import type { Redactor } from '../security/redaction';
import { activeProfileOf } from '../services/active-profile';
import { createConnectivityMonitor, headProbe } from '../services/connectivity';
import { createIntegrationService } from '../services/integrations';
import { createProfileService } from '../services/profiles';
import { settingsSection } from '../storage/settings';
import type { MainTuning, Wiring } from './shared';

/** The profiles, what Codat last said of the quota, whether it answers, and the integrations with their branding. */
export function createCodatServices(
  ports: PlatformPorts,
  tuning: MainTuning,
  {
    hub,
    log,
    now,
    disposables,
    redactor,
    linkPolicy,
  }: Pick<Wiring, 'hub' | 'log' | 'now' | 'disposables'> & {
    redactor: Redactor;
    linkPolicy: ExternalLinkPolicy;
  },
) {
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
  const active = activeProfileOf(profiles);
  const switched = profiles.onSwitch(() => {
    const { name, environment } = active.summary();
    log.info(`[profiles] now using ${name} (${environment}, ${active.host()})`);
    rateLimit = null;
  });
  disposables.add(switched);
  const connectivity = createConnectivityMonitor({
    now,
    probe: headProbe(active.requestBaseUrl),
    events: hub,
    onChange: (state) => {
      if (!state.online) integrations.wentOffline();
    },
    onReconnected: () => integrations.reconnected(),
    lifetime: { profileSwitches: profiles, disposables },
  });
  const branding = settingsSection(ports.settings, 'branding', () => defaultBrandingSettings);
  const integrations = createIntegrationService({
    api: active.api,
    profileId: active.id,
    expectedBaseUrl: active.givenBaseUrl,
    trustedImageOrigins: () => [...localOrigins],
    store: createBrandingStore({
      root: ports.brandingDirectory,
      now,
      onProblem: (message) => log.warn(`[branding] ${message}`),
    }),
    settings: () => branding.read(),
    now,
    knownOffline: () => connectivity.state().online === false,
    // Codat's API serves no mark of its own; the training sandbox does, so the preview can show one.
    poweredByUrl: (baseUrl) => (active.summary().builtIn ? `${baseUrl}/branding/codat/powered-by.svg` : null),
    onChange: (state) => hub.emit('integrations.changed', state),
  });
  const offlineConnectors = async () =>
    new Set((await integrations.list()).integrations.filter((card) => card.isOfflineConnector).map((card) => card.key));
  return { profiles, active, rateLimit: () => rateLimit, connectivity, integrations, branding, offlineConnectors };
}
