/**
 * What a monitor round tells the user: one desktop notification per round for the issues worth an alert (new or
 * reopened, warning or worse, neither muted nor snoozed), in words read at a glance; clicking it opens the Inbox.
 * Pure, shared by main (which shows it on the desktop) and the renderer (which shows it where main cannot: the
 * browser console).
 */
import { z } from 'zod';
import { categoryLabels, severityRank } from './health/model';
import type { InboxIssue } from './inbox';
import { listWithin, oneLine } from './notice-text';

/** The Inbox's page id (see src/shared/pages.ts). */
export const inboxPage = 'inbox';

export const inboxNoticeSchema = z.object({
  title: z.string().max(200),
  body: z.string().max(1000),
  target: z.object({ page: z.literal(inboxPage) }).strict(),
  /** The same for every window shown the same notice (a browser replaces one with the same tag). */
  tag: z.string().max(200),
});
export type InboxNotice = z.infer<typeof inboxNoticeSchema>;

const nameLimit = 60;
const bodyLimit = 300;

/** Worth an alert: New (reopened ones are New again), warning or critical. Muted and snoozed never are. */
export function isAlertable(issue: InboxIssue): boolean {
  return issue.state === 'new' && severityRank[issue.issue.severity] <= severityRank.warning;
}

const reopened = (issue: InboxIssue) => issue.reopenedCount > 0;
const customer = (issue: InboxIssue) => oneLine(issue.issue.companyName, nameLimit) || 'A customer';
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** One issue in a group's list: "Acme — sync failing", or "Acme: sync failing again" when it came back. */
function line(issue: InboxIssue): string {
  const what = lowerFirst(categoryLabels[issue.issue.category]);
  return reopened(issue) ? `${customer(issue)}: ${what} again` : `${customer(issue)} — ${what}`;
}

function groupTitle(issues: readonly InboxIssue[]): string {
  const back = issues.filter(reopened).length;
  if (back === 0) return `${issues.length} new issues`;
  if (back === issues.length) return `${issues.length} issues are back`;
  return `${issues.length} issues: ${issues.length - back} new, ${back} back`;
}

/**
 * The one notification for a round's alerts (null: nothing worth one). Most severe first; the round's id makes
 * the tag, so every window shown it shows it once.
 */
export function roundAlertNotice(roundId: string, alerts: readonly InboxIssue[]): InboxNotice | null {
  const shown = alerts
    .filter(isAlertable)
    .sort((a, b) => severityRank[a.issue.severity] - severityRank[b.issue.severity]);
  const first = shown[0];
  if (!first) return null;
  const target = { page: inboxPage } as const;
  const tag = `inbox:${oneLine(roundId, 100)}:${shown.length}`;
  if (shown.length === 1) {
    const label = categoryLabels[first.issue.category];
    return {
      title: `${customer(first)}: ${reopened(first) ? `${lowerFirst(label)} again` : label}`,
      body: oneLine(first.issue.summary, bodyLimit),
      target,
      tag,
    };
  }
  return { title: groupTitle(shown), body: listWithin(shown.map(line), bodyLimit), target, tag };
}
