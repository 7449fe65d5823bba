/**
 * Every integration with its branding, per profile, from the disk cache (branding/store.ts): stale-while-
 * revalidate. A miss fetches and waits; a hit answers at once and, when older than the time to live or when a
 * file was lost, fetches again in the background and tells the page when it is done. Offline, the cache is
 * the answer. Images are downloaded by main without the API key, checked and sanitised, and the renderer only
 * ever gets paths on its own origin (`/branding-cache/<hash>.<ext>`).
 */
import type {
  BrandingCacheState,
  BrandingSettings,
  CachedImage,
  IntegrationCard,
  IntegrationCatalog,
} from '@shared/contract';
import type { Branding, Integration } from '@shared/codat/schemas';
import { BridgeFailure, type BridgeError } from '@shared/result';
import { createImageDownload, createRefreshDownloads, type RefreshDownloads } from '../branding/download';
import { backgroundRefresh, isStale } from '../branding/refresh-policy';
import type { BrandingRefs, BrandingStore, ImageRef, IndexFile, PlatformFile } from '../branding/store';
import type { CodatApi } from '../codat/api';

export interface IntegrationService {
  /** The active profile's catalogue: from the cache when there is one, fetched (and waited for) when not. */
  list(): Promise<IntegrationCatalog>;
  /** Fetches everything again now ("Refresh branding"); a failure leaves the cache as it was. */
  refresh(): Promise<IntegrationCatalog>;
  /** Codat cannot be reached: once it is back, the cache catches up. */
  wentOffline(): void;
  /** Codat answers again: catch up on what was missed while offline, in the background. */
  reconnected(): void;
  /** A cached image for the renderer (served as /branding-cache/<name>), or null. */
  readImage(name: string): ReturnType<BrandingStore['readImage']>;
  /** Forget what is in memory for a profile (its host changed); the disk cache is checked again on next use. */
  forget(profileId: string): void;
}

export interface IntegrationServiceOptions {
  api(): Promise<CodatApi>;
  profileId(): string;
  /** The base URL the active profile's cache must come from; null where it moves between runs (training). */
  expectedBaseUrl(): string | null;
  /** Origins images may come from besides https (the training sandbox serves its own over http). */
  trustedImageOrigins(): readonly string[];
  store: BrandingStore;
  settings(): BrandingSettings;
  now(): number;
  /** Whether main already knows Codat cannot be reached. */
  knownOffline?(): boolean;
  /** Where this host serves a "Powered by Codat" mark, if it does. */
  poweredByUrl?(baseUrl: string): string | null;
  onChange?(state: BrandingCacheState): void;
  fetch?: typeof fetch;
}

type Slot = keyof BrandingRefs;
const slotWords: Record<Slot, string> = {
  logoFull: 'full logo',
  logoSquare: 'square logo',
  buttonDefault: 'button',
  buttonHover: 'hover button',
};

interface ProfileCache {
  index: IndexFile | null;
  platforms: Map<string, PlatformFile>;
  /** Keys whose file or images are missing or damaged. */
  damaged: Set<string>;
  /** Image files found missing or damaged. */
  lostImages: Set<string>;
  refreshing: Promise<void> | null;
  progress: { done: number; total: number } | null;
  offline: boolean;
  lastError: BridgeError | null;
  lastRepairAt: number;
  /** When the last refresh failed; background refreshes wait a while after one (the page lists again after each). */
  lastFailureAt: number;
  /** Codat was unreachable while this cache was in use: what it shows may have changed meanwhile. */
  missedWhileOffline: boolean;
}

type RefreshMode = 'all' | 'repair';

/** What the service keeps while it runs: each profile's cache, loaded once, and the one image downloader. */
interface BrandingContext {
  options: IntegrationServiceOptions;
  caches: Map<string, Promise<ProfileCache>>;
  download: ReturnType<typeof createImageDownload>;
}

/** A profile's cache, read from disk on first use (again after a failed read). */
function loaded(context: BrandingContext, profileId: string): Promise<ProfileCache> {
  let cache = context.caches.get(profileId);
  if (!cache) {
    cache = loadCache(context.options, profileId);
    context.caches.set(profileId, cache);
    cache.catch(() => context.caches.delete(profileId));
  }
  return cache;
}

async function loadCache(options: IntegrationServiceOptions, profileId: string): Promise<ProfileCache> {
  const cache: ProfileCache = {
    index: null,
    platforms: new Map(),
    damaged: new Set(),
    lostImages: new Set(),
    refreshing: null,
    progress: null,
    offline: false,
    lastError: null,
    lastRepairAt: 0,
    lastFailureAt: 0,
    missedWhileOffline: false,
  };
  const index = await options.store.readIndex(profileId);
  const expected = options.expectedBaseUrl();
  // A profile pointed at another host must not show the old host's catalogue.
  if (!index || (expected !== null && index.baseUrl !== expected)) return cache;
  cache.index = index;
  const files = await Promise.all(index.keys.map((key) => options.store.readPlatform(profileId, key)));
  const used: string[] = [];
  for (const [position, key] of index.keys.entries()) {
    const file = files[position];
    if (!file) {
      cache.damaged.add(key);
      continue;
    }
    cache.platforms.set(key, file);
    for (const ref of Object.values(file.branding)) {
      if (!ref) continue;
      if (await options.store.hasImage(ref.file)) used.push(ref.file);
      else {
        cache.lostImages.add(ref.file);
        cache.damaged.add(key);
      }
    }
  }
  if (index.poweredBy && !(await options.store.hasImage(index.poweredBy.file)))
    cache.lostImages.add(index.poweredBy.file);
  await options.store.markUsed(used);
  return cache;
}

function stateOf(options: IntegrationServiceOptions, cache: ProfileCache): BrandingCacheState {
  const cachedAt = cache.index?.cachedAt ?? null;
  return {
    cachedAt,
    stale: isStale(cachedAt, options.now(), options.settings().ttlDays),
    offline: cache.offline || (options.knownOffline?.() ?? false),
    refreshing: cache.refreshing !== null,
    progress: cache.progress,
    lastError: cache.lastError,
  };
}

function catalogOf(options: IntegrationServiceOptions, cache: ProfileCache): IntegrationCatalog {
  const image = (ref: ImageRef | null): CachedImage | null =>
    ref && !cache.lostImages.has(ref.file) ? { src: `/branding-cache/${ref.file}`, alt: ref.alt } : null;
  const integrations: IntegrationCard[] = [];
  for (const key of cache.index?.keys ?? []) {
    const file = cache.platforms.get(key);
    if (!file) continue;
    const { integration, branding, note } = file;
    const cards = {
      logoFull: image(branding.logoFull),
      logoSquare: image(branding.logoSquare),
      buttonDefault: image(branding.buttonDefault),
      buttonHover: image(branding.buttonHover),
    };
    integrations.push({
      key: integration.key,
      name: integration.name,
      ...(integration.sourceType ? { sourceType: integration.sourceType } : {}),
      enabled: integration.enabled,
      isOfflineConnector: integration.isOfflineConnector,
      isBeta: integration.isBeta,
      logo: cards.logoSquare?.src ?? null,
      branding: cards,
      ...(note ? { brandingNote: note } : {}),
    });
  }
  return { ...stateOf(options, cache), integrations, poweredBy: image(cache.index?.poweredBy ?? null) };
}

function announce(options: IntegrationServiceOptions, cache: ProfileCache) {
  options.onChange?.(stateOf(options, cache));
}

/** Starts (or joins) a refresh of one profile's cache. `repair` refetches only what is missing or new. */
function refreshCache(context: BrandingContext, profileId: string, cache: ProfileCache, mode: RefreshMode) {
  const { options } = context;
  if (cache.refreshing) return cache.refreshing;
  if (mode === 'repair') cache.lastRepairAt = options.now();
  const run = fetchInto(context, profileId, cache, mode)
    .then(
      () => {
        cache.offline = false;
        cache.lastError = null;
        cache.missedWhileOffline = false;
      },
      (error: unknown) => {
        const failure =
          error instanceof BridgeFailure
            ? error.error
            : ({ code: 'internal', message: 'The branding could not be refreshed.' } as BridgeError);
        cache.offline = failure.code === 'network' || failure.code === 'timeout';
        cache.lastError = failure;
        cache.lastFailureAt = options.now();
        throw error;
      },
    )
    .finally(() => {
      cache.refreshing = null;
      cache.progress = null;
      announce(options, cache);
    });
  cache.refreshing = run;
  announce(options, cache);
  return run;
}

async function fetchInto(context: BrandingContext, profileId: string, cache: ProfileCache, mode: RefreshMode) {
  const { options } = context;
  const api = await options.api();
  const integrations: Integration[] = [];
  for await (const page of api.pages((n) => api.listIntegrations({ page: n, pageSize: 100 }))) {
    integrations.push(...page.results);
  }
  const fetchedAt = new Date(options.now()).toISOString();
  cache.progress = { done: 1, total: integrations.length + 1 };
  announce(options, cache);
  const downloads = createRefreshDownloads(context.download, cache.lostImages);
  let lastAnnounced = options.now();

  await mapLimited(integrations, 4, async (integration) => {
    const previous = cache.platforms.get(integration.key);
    const keepBranding = mode === 'repair' && previous && !cache.damaged.has(integration.key);
    const file: PlatformFile = keepBranding
      ? { ...previous, integration: metadataOf(integration) }
      : await fetchPlatform(api, integration, previous, downloads, fetchedAt);
    await options.store.writePlatform(profileId, file);
    cache.platforms.set(integration.key, file);
    cache.damaged.delete(integration.key);
    for (const ref of Object.values(file.branding)) if (ref) cache.lostImages.delete(ref.file);
    cache.progress = { done: (cache.progress?.done ?? 0) + 1, total: integrations.length + 1 };
    if (options.now() - lastAnnounced >= 100) {
      lastAnnounced = options.now();
      announce(options, cache);
    }
  });

  const poweredBySource = options.poweredByUrl?.(api.http.baseUrl) ?? null;
  let poweredBy = cache.index?.poweredBy ?? null;
  if (poweredBySource && (mode === 'all' || !poweredBy || cache.lostImages.has(poweredBy.file))) {
    const downloaded = await downloads(poweredBySource, 'Powered by Codat', poweredBy);
    poweredBy = 'ref' in downloaded ? downloaded.ref : null;
  }
  if (poweredBy) cache.lostImages.delete(poweredBy.file);
  const index: IndexFile = {
    version: 1,
    cachedAt: mode === 'all' || !cache.index ? fetchedAt : cache.index.cachedAt,
    baseUrl: api.http.baseUrl,
    keys: integrations.map((integration) => integration.key),
    poweredBy,
  };
  await options.store.writeIndex(profileId, index);
  cache.index = index;
  for (const key of cache.platforms.keys()) if (!index.keys.includes(key)) cache.platforms.delete(key);

  // Keep this profile's images newest, then trim the cache to its bound.
  const current = Array.from(cache.platforms.values()).flatMap((file) =>
    Object.values(file.branding).flatMap((ref) => (ref ? [ref.file] : [])),
  );
  await options.store.markUsed(poweredBy ? [...current, poweredBy.file] : current);
  const { removed } = await options.store.evict(options.settings().maxMegabytes * 1024 * 1024);
  for (const name of removed) if (current.includes(name)) cache.lostImages.add(name);
}

/** One platform's branding from Codat, each image downloaded and checked; what could not be used is noted. */
async function fetchPlatform(
  api: CodatApi,
  integration: Integration,
  previous: PlatformFile | undefined,
  downloads: RefreshDownloads,
  fetchedAt: string,
): Promise<PlatformFile> {
  const problems: string[] = [];
  let branding: Branding | null = null;
  try {
    branding = await api.branding(integration.key);
  } catch (error) {
    if (!(error instanceof BridgeFailure)) throw error;
    // Without a network the whole refresh stops: the cache stays as it was.
    if (error.error.code === 'network' || error.error.code === 'timeout') throw error;
    problems.push(
      error.error.status === 404
        ? 'Codat has no branding for this platform; its list logo is shown.'
        : `Codat's branding could not be read (${error.error.message}).`,
    );
  }
  const name = integration.name;
  const sources: Record<Slot, { src?: string | undefined; alt?: string | undefined } | undefined> = {
    logoFull: branding?.logo?.full?.image,
    logoSquare: branding?.logo?.square?.image ?? { src: integration.logoUrl, alt: `${name} logo` },
    buttonDefault: branding?.button?.default?.image,
    buttonHover: branding?.button?.hover?.image,
  };
  const refs = {} as BrandingRefs;
  for (const slot of Object.keys(sources) as Slot[]) {
    const source = sources[slot];
    const before = previous?.branding[slot] ?? null;
    if (!source?.src) {
      // Codat could not be asked: keep what was cached rather than lose it.
      refs[slot] = branding ? null : before;
      continue;
    }
    const downloaded = await downloads(source.src, source.alt || `${name} ${slotWords[slot]}`, before);
    if ('ref' in downloaded) refs[slot] = downloaded.ref;
    else {
      refs[slot] = null;
      problems.push(`The ${slotWords[slot]} could not be used: ${downloaded.problem}.`);
    }
  }
  return {
    version: 1,
    cachedAt: fetchedAt,
    integration: metadataOf(integration),
    branding: refs,
    ...(problems.length ? { note: problems.join(' ') } : {}),
  };
}

/** Refreshes in the background when the refresh policy says so (stale, damaged, or `force` after an outage). */
function revalidateInBackground(context: BrandingContext, profileId: string, cache: ProfileCache, force = false) {
  const state = stateOf(context.options, cache);
  const mode = backgroundRefresh(
    {
      stale: state.stale,
      offline: state.offline,
      refreshing: cache.refreshing !== null,
      damaged: cache.damaged.size,
      lastRepairAt: cache.lastRepairAt,
      lastFailureAt: cache.lastFailureAt,
    },
    context.options.now(),
    force,
  );
  if (mode) refreshCache(context, profileId, cache, mode).catch(() => undefined);
}

export function createIntegrationService(options: IntegrationServiceOptions): IntegrationService {
  const context: BrandingContext = {
    options,
    caches: new Map(),
    download: createImageDownload({
      store: options.store,
      trustedImageOrigins: options.trustedImageOrigins,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    }),
  };

  return {
    async list() {
      const profileId = options.profileId();
      const cache = await loaded(context, profileId);
      if (!cache.index) await refreshCache(context, profileId, cache, 'all');
      else revalidateInBackground(context, profileId, cache);
      return catalogOf(options, cache);
    },

    async refresh() {
      const profileId = options.profileId();
      const cache = await loaded(context, profileId);
      await refreshCache(context, profileId, cache, 'all');
      return catalogOf(options, cache);
    },

    wentOffline() {
      void loaded(context, options.profileId()).then(
        (cache) => (cache.missedWhileOffline = true),
        () => undefined,
      );
    },

    reconnected() {
      const profileId = options.profileId();
      void loaded(context, profileId).then(
        (cache) => {
          if (!cache.index) return;
          const missed = cache.missedWhileOffline || cache.offline || cache.lastError !== null;
          revalidateInBackground(context, profileId, cache, missed);
        },
        () => undefined,
      );
    },

    readImage: (name) => options.store.readImage(name),

    forget(profileId) {
      context.caches.delete(profileId);
    },
  };
}

function metadataOf(integration: Integration): PlatformFile['integration'] {
  return {
    key: integration.key,
    name: integration.name,
    ...(integration.sourceType ? { sourceType: integration.sourceType } : {}),
    enabled: integration.enabled,
    isOfflineConnector: integration.isOfflineConnector ?? false,
    isBeta: integration.isBeta ?? false,
    logoUrl: integration.logoUrl,
  };
}

/** Runs `work` over the items, `limit` at a time; after a failure no new item starts. */
async function mapLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (!failed && next < items.length) {
        try {
          await work(items[next++]!);
        } catch (error) {
          failed = true;
          throw error;
        }
      }
    }),
  );
}
