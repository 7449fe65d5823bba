/** Integrations: the platform catalogue (query, orderBy), one platform, its branding (images the sandbox serves). */
import { platforms, type PlatformEntry } from '../catalog';
import type { QuerySchema } from '../query';
import { pageOf } from './paging';
import { findIntegration, segment, type ApiContext, type Route } from './route';

const integrationQuery: QuerySchema = {
  resource: 'Integration',
  fields: {
    key: 'string',
    name: 'string',
    enabled: 'boolean',
    sourceType: 'string',
    isOfflineConnector: 'boolean',
    isBeta: 'boolean',
  },
};

function integrationView(platform: PlatformEntry, context: ApiContext) {
  return {
    key: platform.key,
    logoUrl: `${context.baseUrl}/branding/${platform.key}/square.svg`,
    name: platform.name,
    enabled: platform.enabled,
    sourceId: platform.sourceId,
    sourceType: platform.sourceType,
    integrationId: platform.integrationId,
    isOfflineConnector: platform.isOfflineConnector,
    isBeta: platform.isBeta,
    dataProvidedBy: 'Codat',
  };
}

export const integrationRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/integrations$/,
    handler: (_params, request, context) =>
      pageOf(platforms, request, '/integrations', integrationQuery, (platform) => integrationView(platform, context)),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/integrations/${segment}$`),
    handler: ([key], _request, context) => ({ status: 200, body: integrationView(findIntegration(key!), context) }),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/integrations/${segment}/branding$`),
    handler: ([key], _request, context) => {
      const platform = findIntegration(key!);
      const image = (variant: string, alt: string) => ({
        image: { src: `${context.baseUrl}/branding/${platform.key}/${variant}.svg`, alt },
      });
      return {
        status: 200,
        body: {
          logo: { full: image('full', `${platform.name} logo`), square: image('square', `${platform.name} logo`) },
          button: {
            default: image('button', `Connect to ${platform.name}`),
            hover: image('button-hover', `Connect to ${platform.name}`),
          },
          sourceId: platform.sourceId,
        },
      };
    },
  },
];
