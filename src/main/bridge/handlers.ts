/** Wires the contract's operations to services. Shared by the Electron app and the web host. */
import type { PlatformPorts } from '../ports';
import { createExternalLinkPolicy, type ExternalLinkPolicy } from '../security/external-links';
import { createAppInfoService } from '../services/app-info';
import { createSystemService } from '../services/system';
import type { Handlers } from './dispatcher';

export interface MainServices {
  handlers: Handlers;
  linkPolicy: ExternalLinkPolicy;
}

export function createMainServices(ports: PlatformPorts): MainServices {
  const linkPolicy = createExternalLinkPolicy();
  const appInfo = createAppInfoService(ports.facts, ports.secrets);
  const system = createSystemService(linkPolicy, ports.opener);
  const handlers: Handlers = {
    'app.info': () => appInfo.info(),
    'system.openExternal': ({ url }) => system.openExternal(url),
  };
  return { handlers, linkPolicy };
}
