/** integrations: the platforms Codat offers, and their branding cache. */
import { sourceTypeSchema } from '../codat/schemas';
import { bridgeErrorSchema } from '../result';
import { noInput } from './common';
import { act, read, type OperationSpec } from './effects';
import { z } from './zod';

/** An image from the branding cache: a path on the console's own origin, never a remote URL. */
export const cachedImageSchema = z.object({
  src: z.string().regex(/^\/branding-cache\/[0-9a-f]{64}\.(png|jpg|gif|webp|svg)$/),
  alt: z.string(),
});
export type CachedImage = z.infer<typeof cachedImageSchema>;

/** A platform's four branding images (any may be missing), each described by `image`. */
export const brandingSlotsOf = <T extends z.ZodType>(image: T) =>
  z.object({
    logoFull: image.nullable(),
    logoSquare: image.nullable(),
    buttonDefault: image.nullable(),
    buttonHover: image.nullable(),
  });

export const integrationBrandingSchema = brandingSlotsOf(cachedImageSchema);
export type IntegrationBranding = z.infer<typeof integrationBrandingSchema>;

export const integrationCardSchema = z.object({
  key: z.string(),
  name: z.string(),
  sourceType: sourceTypeSchema.optional(),
  enabled: z.boolean(),
  isOfflineConnector: z.boolean(),
  isBeta: z.boolean(),
  /** The square logo's cached path (the renderer never loads remote images), or null. */
  logo: z.string().nullable(),
  branding: integrationBrandingSchema,
  /** Why some of the branding is missing, in plain words, when it is. */
  brandingNote: z.string().optional(),
});
export type IntegrationCard = z.infer<typeof integrationCardSchema>;

export const brandingCacheStateSchema = z.object({
  /** When the list was last fetched from Codat; null when nothing is cached yet. */
  cachedAt: z.string().nullable(),
  /** Older than the cache's time to live. */
  stale: z.boolean(),
  /** The last attempt to reach Codat failed for want of a network: what is shown is the cache. */
  offline: z.boolean(),
  refreshing: z.boolean(),
  progress: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  /** Why the last background refresh failed, if it did. */
  lastError: bridgeErrorSchema.nullable(),
});
export type BrandingCacheState = z.infer<typeof brandingCacheStateSchema>;

export const integrationCatalogSchema = brandingCacheStateSchema.extend({
  integrations: z.array(integrationCardSchema),
  /** The "Powered by Codat" mark when the profile's host serves one; the preview falls back to text. */
  poweredBy: cachedImageSchema.nullable(),
});
export type IntegrationCatalog = z.infer<typeof integrationCatalogSchema>;

export const brandingSettingsSchema = z.object({
  /** After this many days the cache is shown but fetched again in the background. */
  ttlDays: z.number().int().min(1, 'At least 1 day.').max(365, 'At most 365 days.'),
  /** The cache's images are kept under this size; the least recently used go first. */
  maxMegabytes: z.number().int().min(5, 'At least 5 MB.').max(2000, 'At most 2000 MB.'),
});
export type BrandingSettings = z.infer<typeof brandingSettingsSchema>;

export const integrationOperations = {
  /**
   * Every integration from the branding cache (stale-while-revalidate; fetched on a miss). Filling the cache is no
   * change anyone can tell, so this is a read.
   */
  'integrations.list': read(noInput, integrationCatalogSchema),
  /** Fetches the list and every platform's branding again, now. */
  'integrations.refresh': act(noInput, integrationCatalogSchema),
  'integrations.cacheSettings': read(noInput, brandingSettingsSchema),
  'integrations.saveCacheSettings': act(brandingSettingsSchema.strict(), brandingSettingsSchema),
} satisfies Record<`integrations.${string}`, OperationSpec>;

export const integrationEvents = {
  /** The branding cache started or finished a refresh, or moved on (the Integrations page reloads after). */
  'integrations.changed': brandingCacheStateSchema,
} satisfies Record<`integrations.${string}`, z.ZodType>;
