/** diagnosis: one company read closely, in plain words. */
import { healthIssueSchema } from '../domain/health/model';
import { companyRef, connectionRef } from './common';
import { read, type OperationSpec } from './effects';
import { z } from './zod';

export const timelineEventSchema = z.object({
  at: z.string(),
  kind: z.enum(['created', 'status_observed', 'error', 'error_resolved', 'pull', 'audit']),
  title: z.string(),
  detail: z.string().optional(),
  /** For pulls: to open the pull operation. */
  datasetId: z.string().optional(),
  tone: z.enum(['good', 'bad', 'neutral', 'progress']),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

export const diagnosisOperations = {
  /** Reads the company closely (fresh company, dataStatus, recent pulls) and classifies it. */
  'diagnosis.company': read(companyRef, z.object({ issues: z.array(healthIssueSchema), checkedAt: z.string() })),
  /** Plain text/markdown for a support ticket: ids, statuses, errors with correlation ids, our reading. No secret. */
  'diagnosis.report': read(companyRef, z.object({ markdown: z.string() })),
  'diagnosis.timeline': read(connectionRef, z.object({ events: z.array(timelineEventSchema) })),
} satisfies Record<`diagnosis.${string}`, OperationSpec>;
