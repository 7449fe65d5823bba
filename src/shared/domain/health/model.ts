/**
 * The health model: what an issue is (category, severity, next action, evidence) and the thresholds a scan uses.
 * The bridge contract and the renderer import this; the rules that produce issues are in `./rules`, main's only.
 */
import { z } from 'zod';

export const issueCategories = [
  'awaiting_authorisation',
  'authorisation_failed',
  'deauthorized',
  'unlinked',
  'sync_failing',
  'sync_stuck',
  'offline_connector_waiting',
  'stale_data',
  'rate_limited',
  'unknown_status',
] as const;
export type IssueCategory = (typeof issueCategories)[number];

export const categoryLabels: Record<IssueCategory, string> = {
  awaiting_authorisation: 'Awaiting customer authorisation',
  authorisation_failed: 'Authorisation cancelled or failed',
  deauthorized: 'Deauthorised',
  unlinked: 'Unlinked',
  sync_failing: 'Sync failing',
  sync_stuck: 'Sync stuck',
  offline_connector_waiting: 'Offline connector waiting',
  stale_data: 'Stale data (token-expiry risk)',
  rate_limited: 'Rate limited',
  unknown_status: 'Status Linkdesk does not know',
};

export const severities = ['critical', 'warning', 'info'] as const;
export type Severity = (typeof severities)[number];
export const severityRank: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

export const actionKinds = [
  'send_fresh_link',
  'relink',
  'refresh_data_type',
  'refresh_all',
  'contact_codat',
  'start_connector',
  'grant_permissions',
  'wait',
] as const;
export type ActionKind = (typeof actionKinds)[number];

export const healthIssueSchema = z.object({
  /** Stable across scans: category + the thing it is about. */
  key: z.string(),
  category: z.enum(issueCategories),
  severity: z.enum(severities),
  companyId: z.string(),
  companyName: z.string(),
  connectionId: z.string().nullable(),
  platformName: z.string().nullable(),
  platformKey: z.string().nullable(),
  /** Since when the problem has been true, as far as the evidence shows. */
  since: z.string().nullable(),
  /** One sentence: what is wrong. */
  summary: z.string(),
  action: z.object({ kind: z.enum(actionKinds), text: z.string(), dataType: z.string().optional() }),
  evidence: z.array(z.object({ label: z.string(), value: z.string() })),
});
export type HealthIssue = z.infer<typeof healthIssueSchema>;

export const healthThresholdsSchema = z.object({
  /** A PendingAuth connection older than this is flagged. */
  pendingAuthHours: z
    .number()
    .min(1)
    .max(24 * 90),
  /** An in-progress pull requested longer ago than this is stuck. */
  syncStuckHours: z
    .number()
    .min(1)
    .max(24 * 30),
  /** No successful sync for this long risks the platform token expiring. */
  staleDays: z.number().min(1).max(365),
  /** During a scan, Linked connections whose last sync is older than this get a closer look (dataStatus, history). */
  closerLookHours: z
    .number()
    .min(1)
    .max(24 * 30),
});
export type HealthThresholds = z.infer<typeof healthThresholdsSchema>;

/** Most severe first (oldest first within a severity), or oldest first; an issue with no start date sorts last. */
export function sortIssues(issues: readonly HealthIssue[], by: 'severity' | 'age' = 'severity'): HealthIssue[] {
  const time = (issue: HealthIssue) => (issue.since ? Date.parse(issue.since) : Number.POSITIVE_INFINITY);
  return [...issues].sort((a, b) =>
    by === 'severity'
      ? severityRank[a.severity] - severityRank[b.severity] || time(a) - time(b)
      : time(a) - time(b) || severityRank[a.severity] - severityRank[b.severity],
  );
}
