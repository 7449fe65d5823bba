/**
 * The issues inbox: what the monitor (and the Health page's scan) found, remembered per profile with a lifecycle.
 * An issue is a Health issue (its `key`: category + what it is about) followed over time:
 * New → Acknowledged → Resolved (not seen for `resolveAfterHours`) → Reopened (as New) if it comes back; snoozed
 * until a time (then New again if still there); muted (never notified, listed under Muted).
 * This file holds the record and its schema; the pure rules that move it are implemented beside it.
 */
import { z } from 'zod';
import { healthIssueSchema } from './health/model';

/** The tabs of the Inbox, in order. A reopened issue is `new` again (with `reopenedCount` > 0). */
export const inboxStates = ['new', 'acknowledged', 'snoozed', 'resolved', 'muted'] as const;
export type InboxState = (typeof inboxStates)[number];

export const inboxStateLabels: Record<InboxState, string> = {
  new: 'New',
  acknowledged: 'Acknowledged',
  snoozed: 'Snoozed',
  resolved: 'Resolved',
  muted: 'Muted',
};

export const inboxHistoryKinds = [
  'first_seen',
  'acknowledged',
  'snoozed',
  'snooze_ended',
  'muted',
  'unmuted',
  'resolved',
  'reopened',
] as const;
export type InboxHistoryKind = (typeof inboxHistoryKinds)[number];

const isoDate = z.string().refine((value) => Number.isFinite(Date.parse(value)), 'Not a date.');

/** One line of an issue's history: when, what, and who (null: the monitor itself). */
export const inboxHistoryEntrySchema = z.object({
  at: isoDate,
  kind: z.enum(inboxHistoryKinds),
  by: z.string().max(200).nullable(),
  /** For `snoozed`: until when. */
  until: isoDate.optional(),
});
export type InboxHistoryEntry = z.infer<typeof inboxHistoryEntrySchema>;

/** At most this many history lines per issue are kept (the oldest go first, `first_seen` stays). */
export const maxInboxHistory = 50;

export const inboxIssueSchema = z.object({
  /** The Health issue's key: category + the company/connection/data type it is about. */
  key: z.string().min(1).max(400),
  profileId: z.string().min(1).max(200),
  /** The issue as last seen (its summary, evidence, next step). */
  issue: healthIssueSchema,
  state: z.enum(inboxStates),
  firstSeenAt: isoDate,
  lastSeenAt: isoDate,
  /** How many rounds (or manual scans) have seen it. */
  seenCount: z.number().int().nonnegative(),
  /** How many times it came back after being resolved. */
  reopenedCount: z.number().int().nonnegative(),
  /** While snoozed: until when. */
  snoozedUntil: isoDate.nullable(),
  /** When its state last changed. */
  changedAt: isoDate,
  history: z.array(inboxHistoryEntrySchema).max(maxInboxHistory),
});
export type InboxIssue = z.infer<typeof inboxIssueSchema>;

/** Monitor settings, per profile. */
export const monitorIntervals = [15, 30, 60, 240] as const;
export const monitorSettingsSchema = z.object({
  /** "Monitor in the background". Default: off for Production profiles until turned on, on for the others. */
  enabled: z.boolean(),
  /** "Check every", in minutes. */
  everyMinutes: z.union([z.literal(15), z.literal(30), z.literal(60), z.literal(240)]),
  /** An issue not seen for this long is resolved. */
  resolveAfterHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 14),
  /** The share of the day's Codat quota the monitor may spend (rounds stop when it is spent). */
  dailyBudgetPercent: z.number().min(0.5).max(50),
});
export type MonitorSettings = z.infer<typeof monitorSettingsSchema>;

/** A monitor round (a background check of the whole portfolio), as it goes. */
export const monitorRoundStates = [
  'running',
  'finished',
  /** The day's budget ran out mid-round: what was seen is applied, nothing unseen is resolved. */
  'stopped_for_budget',
  /** Codat's quota left for the day is down to the reserve. */
  'paused_for_quota',
  'failed',
  'cancelled',
] as const;
export const monitorRoundSchema = z.object({
  roundId: z.string(),
  state: z.enum(monitorRoundStates),
  /** 'schedule': on its own; 'check_now': the Inbox's "Check now"; 'health_scan': the Health page's scan. */
  trigger: z.enum(['schedule', 'check_now', 'health_scan']),
  startedAt: isoDate,
  finishedAt: isoDate.nullable(),
  companiesScanned: z.number().int().nonnegative(),
  totalCompanies: z.number().int().nonnegative().nullable(),
  requestsUsed: z.number().int().nonnegative(),
  /** Companies looked at closely (data status, history) this round. */
  closerLooks: z.number().int().nonnegative(),
  newIssues: z.number().int().nonnegative(),
  reopenedIssues: z.number().int().nonnegative(),
  resolvedIssues: z.number().int().nonnegative(),
  /** In plain words, why it stopped, when it did not finish. */
  problem: z.string().nullable(),
});
export type MonitorRound = z.infer<typeof monitorRoundSchema>;

/** Where the monitor stands: its last (or current) round, its budget today, its next round. */
export const monitorStatusSchema = z.object({
  enabled: z.boolean(),
  round: monitorRoundSchema.nullable(),
  budget: z.object({
    /** Requests the monitor used today (UTC day, as Codat's quota). */
    usedToday: z.number().int().nonnegative(),
    /** Its limit today: `dailyBudgetPercent` of the day's quota (null until Codat has said what the quota is). */
    limitToday: z.number().int().nonnegative().nullable(),
  }),
  nextRoundAt: isoDate.nullable(),
});
export type MonitorStatus = z.infer<typeof monitorStatusSchema>;
