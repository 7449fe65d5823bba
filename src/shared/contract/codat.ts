/** codat: reaching Codat at all, and what it says of its rate limits. */
import { noInput } from './common';
import { read, type OperationSpec } from './effects';
import { z } from './zod';

const connectivitySchema = z.object({
  /** null until main has tried. */
  online: z.boolean().nullable(),
  checkedAt: z.string().nullable(),
});

export const codatOperations = {
  /**
   * Whether the active profile's API answers (any HTTP answer counts), probed now. It changes only what main knows
   * of the world, not the world: a read.
   */
  'codat.checkConnectivity': read(noInput, connectivitySchema),
} satisfies Record<`codat.${string}`, OperationSpec>;

export const codatEvents = {
  /** The latest X-Rate-Limit-* figures Codat sent for the active profile. */
  'codat.rateLimit': z.object({
    limit: z.number().int().nullable(),
    remaining: z.number().int().nullable(),
    resetAt: z.string().nullable(),
  }),
  /** Whether main can currently reach the active profile's API. */
  'codat.connectivity': z.object({ online: z.boolean(), checkedAt: z.string() }),
} satisfies Record<`codat.${string}`, z.ZodType>;
