/**
 * The issues inbox on disk, one file per profile (`<data>/inbox/<profile>.json`), written atomically and durably,
 * with the monitor's own bookkeeping beside the issues (its last round, the last complete round, what it spent
 * today). A file that cannot be read in full is moved aside and reported; whatever in it can still be read is
 * kept. A write that fails keeps everything in memory, says so, and is tried again at the next change.
 * Bounded: resolved issues go after 30 days, and at most `maxIssues` are kept (resolved ones go first).
 */
import { z } from 'zod';
import { inboxIssueSchema, monitorRoundSchema, type InboxIssue, type MonitorRound } from '@shared/domain/inbox';
import { createProfileFileStore, type ParsedProfileFile } from '../storage/profile-file-store';

export const inboxLimits = { maxIssues: 10_000, keepResolvedMs: 30 * 24 * 60 * 60 * 1000 } as const;

/** The monitor's requests on one UTC day (`YYYY-MM-DD`), as Codat's quota counts them. */
const spentSchema = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  requests: z.number().int().nonnegative(),
});

export interface InboxData {
  issues: InboxIssue[];
  /** When the last round that saw every company ended: only such a round proves an issue gone. */
  lastCompleteRoundAt: string | null;
  lastRound: MonitorRound | null;
  spent: z.infer<typeof spentSchema> | null;
}

const emptyInbox = (): InboxData => ({ issues: [], lastCompleteRoundAt: null, lastRound: null, spent: null });

const fileSchema = z.object({
  version: z.literal(1),
  profileId: z.string(),
  // Each part is checked on its own: one unreadable issue must not cost the others.
  issues: z.array(z.unknown()),
  lastCompleteRoundAt: z.unknown().optional(),
  lastRound: z.unknown().optional(),
  spent: z.unknown().optional(),
});

export interface InboxStoreOptions {
  /** `<data folder>/inbox` */
  directory: string;
  now(): number;
  /** Told, in plain words, about a file moved aside or a write that failed (else console.warn). */
  onProblem?(message: string): void;
  maxIssues?: number;
  keepResolvedMs?: number;
}

export interface InboxStore {
  /** The profile's inbox (read from disk once, then from memory). */
  read(profileId: string): Promise<InboxData>;
  /** Changes the profile's inbox and saves it; changes are applied one after another. */
  update(profileId: string, change: (inbox: InboxData) => InboxData): Promise<InboxData>;
  /** Why the last save failed, if the latest change is only in memory. */
  problem(): string | null;
}

const copy = (inbox: InboxData): InboxData => ({ ...inbox, issues: [...inbox.issues] });

export function createInboxStore(options: InboxStoreOptions): InboxStore {
  const maxIssues = options.maxIssues ?? inboxLimits.maxIssues;
  const keepResolvedMs = options.keepResolvedMs ?? inboxLimits.keepResolvedMs;

  function parse(json: unknown, profileId: string): ParsedProfileFile<InboxData> | null {
    const envelope = fileSchema.safeParse(json);
    if (!envelope.success) return null;
    const inbox = emptyInbox();
    let unreadable = 0;
    const seen = new Set<string>();
    for (const record of envelope.data.issues) {
      const parsed = inboxIssueSchema.safeParse(record);
      if (parsed.success && parsed.data.profileId === profileId && !seen.has(parsed.data.key)) {
        seen.add(parsed.data.key);
        inbox.issues.push(parsed.data);
      } else unreadable += 1;
    }
    // The bookkeeping is worth less than the issues: what cannot be read starts again.
    const completeAt = z
      .string()
      .datetime()
      .nullable()
      .safeParse(envelope.data.lastCompleteRoundAt ?? null);
    const lastRound = monitorRoundSchema.nullable().safeParse(envelope.data.lastRound ?? null);
    const spent = spentSchema.nullable().safeParse(envelope.data.spent ?? null);
    if (completeAt.success) inbox.lastCompleteRoundAt = completeAt.data;
    if (lastRound.success) inbox.lastRound = lastRound.data;
    if (spent.success) inbox.spent = spent.data;
    const badParts = [completeAt, lastRound, spent].filter((part) => !part.success).length;
    const why = [
      unreadable > 0 ? `${unreadable} unreadable issue(s)` : null,
      badParts > 0 ? 'unreadable monitor bookkeeping' : null,
    ]
      .filter(Boolean)
      .join(', ');
    return { value: inbox, unreadable: why || null, kept: inbox.issues.length };
  }

  /** Resolved issues older than the keep period go; beyond the limit, the oldest resolved first, then the oldest. */
  function prune(inbox: InboxData): InboxData {
    const cutoff = options.now() - keepResolvedMs;
    let kept = inbox.issues.filter((issue) => !(issue.state === 'resolved' && Date.parse(issue.changedAt) < cutoff));
    if (kept.length > maxIssues) {
      const order = (issue: InboxIssue) => [issue.state === 'resolved' ? 0 : 1, Date.parse(issue.lastSeenAt)] as const;
      const dropped = new Set(
        [...kept]
          .sort((a, b) => order(a)[0] - order(b)[0] || order(a)[1] - order(b)[1])
          .slice(0, kept.length - maxIssues),
      );
      kept = kept.filter((issue) => !dropped.has(issue));
    }
    return { ...inbox, issues: kept };
  }

  const store = createProfileFileStore<InboxData>({
    directory: options.directory,
    now: options.now,
    onProblem: options.onProblem,
    wording: {
      logArea: 'inbox',
      fileKind: 'inbox',
      records: 'issue(s)',
      notThisKind: 'not an inbox file',
      startsEmpty: 'the inbox starts empty for now',
      notSaved: (file, reason) =>
        `Linkdesk could not save its issues inbox to ${file} (${reason}). It is kept while Linkdesk runs and saved at the next change.`,
    },
    empty: emptyInbox,
    parse,
    serialise: (inbox, profileId) => ({ version: 1, profileId, ...inbox }),
    prune,
    copy,
  });

  return { read: store.read, update: store.update, problem: store.problem };
}
