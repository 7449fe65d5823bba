/**
 * The enabled integrations with their logos, fetched once per profile and kept in memory, so the platform
 * picker costs no Codat request after the first. Logos are fetched by main (never with the API key) and
 * handed to the renderer as data: URLs: the renderer loads no remote images.
 */
import type { IntegrationCard } from '../../shared/contract';
import { q } from '../../shared/codat/query';
import type { Integration } from '../../shared/codat/schemas';
import type { CodatApi } from '../codat/api';

const maxLogoBytes = 256 * 1024;
const imageTypes = new Set(['image/png', 'image/svg+xml', 'image/jpeg', 'image/webp', 'image/gif']);

export interface IntegrationServiceOptions {
  api(): Promise<CodatApi>;
  /** Origins logos may come from besides https (the training sandbox serves its own over http). */
  trustedLogoOrigins(): readonly string[];
  fetch?: typeof fetch;
}

export async function fetchLogo(
  url: string,
  trustedOrigins: readonly string[],
  fetchImpl: typeof fetch = fetch,
): Promise<string | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && !trustedOrigins.includes(parsed.origin)) return null;
  try {
    const response = await fetchImpl(parsed, { redirect: 'error', signal: AbortSignal.timeout(10_000) });
    const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!response.ok || !imageTypes.has(type)) return null;
    const bytes = Buffer.from(await response.arrayBuffer());
    if (bytes.length === 0 || bytes.length > maxLogoBytes) return null;
    return `data:${type};base64,${bytes.toString('base64')}`;
  } catch {
    return null;
  }
}

export function createIntegrationService(options: IntegrationServiceOptions) {
  let cached: Promise<{ integrations: IntegrationCard[]; fetchedAt: string }> | null = null;

  async function load() {
    const api = await options.api();
    const all: Integration[] = [];
    for await (const page of api.pages((n) =>
      api.listIntegrations({ page: n, pageSize: 100, query: q.eq('enabled', true) }),
    )) {
      all.push(...page.results);
    }
    const origins = options.trustedLogoOrigins();
    const integrations = await mapLimited(all, 6, async (integration) => ({
      key: integration.key,
      name: integration.name,
      ...(integration.sourceType ? { sourceType: integration.sourceType } : {}),
      enabled: integration.enabled,
      isOfflineConnector: integration.isOfflineConnector ?? false,
      isBeta: integration.isBeta ?? false,
      logo: await fetchLogo(integration.logoUrl, origins, options.fetch),
    }));
    return { integrations, fetchedAt: new Date().toISOString() };
  }

  return {
    list() {
      cached ??= load().catch((error: unknown) => {
        cached = null;
        throw error;
      });
      return cached;
    },
    clear() {
      cached = null;
    },
  };
}

async function mapLimited<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await map(items[index]!);
      }
    }),
  );
  return results;
}
