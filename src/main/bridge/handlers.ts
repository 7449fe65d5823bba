/** Wires the contract's operations to services. Shared by the Electron app and the web host. */
import type { PlatformPorts } from '../ports';
import { createExternalLinkPolicy, type ExternalLinkPolicy } from '../security/external-links';
import { createRedactor, type Redactor } from '../security/redaction';
import { createAppInfoService } from '../services/app-info';
import { createProfileService, type ProfileService, type ProfileServiceOptions } from '../services/profiles';
import { createSystemService } from '../services/system';
import type { Handlers } from './dispatcher';
import { createEventHub, type EventHub } from './events';

export interface MainServices {
  handlers: Handlers;
  linkPolicy: ExternalLinkPolicy;
  hub: EventHub;
  redactor: Redactor;
  profiles: ProfileService;
}

export function createMainServices(
  ports: PlatformPorts,
  tuning: { http?: ProfileServiceOptions['http'] } = {},
): MainServices {
  const hub = createEventHub();
  const redactor = createRedactor();
  const linkPolicy = createExternalLinkPolicy();
  const profiles = createProfileService({
    settings: ports.settings,
    vault: ports.vault,
    training: ports.training,
    redactor,
    allowOrigin: (origin) => void linkPolicy.allowOrigin(origin),
    onRateLimit: (info) => hub.emit('codat.rateLimit', info),
    onReachability: (online) => hub.emit('codat.connectivity', { online, checkedAt: new Date().toISOString() }),
    onChanged: (activeId) => hub.emit('profiles.changed', { activeId }),
    ...(tuning.http ? { http: tuning.http } : {}),
  });
  const appInfo = createAppInfoService(ports.facts, ports.vault, profiles, () => ports.settings.notices);
  const system = createSystemService(linkPolicy, ports.opener);
  const handlers: Handlers = {
    'app.info': () => appInfo.info(),
    'profiles.list': () => profiles.list(),
    'profiles.save': (input) => profiles.save(input),
    'profiles.remove': ({ id }) => profiles.remove(id),
    'profiles.activate': ({ id }) => profiles.activate(id),
    'profiles.test': ({ id }) => profiles.test(id),
    'system.openExternal': ({ url }) => system.openExternal(url),
  };
  return { handlers, linkPolicy, hub, redactor, profiles };
}
