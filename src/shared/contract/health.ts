/** health: the portfolio scan, and the thresholds it judges by. */
import { healthIssueSchema, healthThresholdsSchema } from '../domain/health/model';
import { noInput } from './common';
import { act, read, type OperationSpec } from './effects';
import { z } from './zod';

export const scanStateSchema = z.object({
  scanId: z.string(),
  state: z.enum(['running', 'finished', 'cancelled', 'failed', 'paused_for_quota']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  companiesScanned: z.number().int(),
  totalCompanies: z.number().int().nullable(),
  /** Codat requests this scan made (cached reuse costs none). */
  requestsUsed: z.number().int(),
  closerLooks: z.number().int(),
  reused: z.number().int(),
  rateLimitRemaining: z.number().int().nullable(),
  issuesFound: z.number().int(),
  /** Companies Codat listed that Linkdesk could not read, so did not scan (absent: none). */
  unreadable: z.number().int().optional(),
  error: z.string().optional(),
});
export type ScanState = z.infer<typeof scanStateSchema>;

export const healthOperations = {
  /** Starts a scan of the whole portfolio (it spends Codat requests; its progress comes as `health.progress`). */
  'health.startScan': act(noInput, scanStateSchema),
  'health.cancelScan': act(z.object({ scanId: z.string() }).strict(), scanStateSchema),
  /** The latest scan of the active profile, with its issues; null before the first scan. */
  'health.results': read(noInput, z.object({ scan: scanStateSchema, issues: z.array(healthIssueSchema) }).nullable()),
  'health.thresholds': read(noInput, healthThresholdsSchema),
  'health.saveThresholds': act(healthThresholdsSchema.strict(), healthThresholdsSchema),
} satisfies Record<`health.${string}`, OperationSpec>;

export const healthEvents = {
  /** A health scan moved on (at most a few times a second). */
  'health.progress': scanStateSchema,
} satisfies Record<`health.${string}`, z.ZodType>;
