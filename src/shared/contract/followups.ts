/** followups: every link handed over, followed until it ends. */
import { followUpNoticeSchema, followUpNotifySchema } from '../domain/followup-notices';
import { handOverEventSchema, handOverSchema } from '../domain/handovers';
import { codatId, connectionRef, noInput } from './common';
import { act, read, write, type OperationSpec } from './effects';
import { z } from './zod';

export const followUpSettingsSchema = z.object({
  /** How often main asks Codat about hand-overs while a link still works or a first sync runs. */
  checkEveryMinutes: z.number().int().min(1, 'At least every minute.').max(60, 'At most every 60 minutes.'),
  /** Which follow-ups are notified on the desktop; settings saved before there was a choice get all of them. */
  notify: followUpNotifySchema.prefault({}),
});
export type FollowUpSettings = z.infer<typeof followUpSettingsSchema>;

/** When main last asked Codat about hand-overs, and why it could not, if it could not. */
const followUpWatchSchema = z.object({
  checkedAt: z.string().nullable(),
  problem: z.string().nullable(),
  /** The problem's kind, for a short notice (the status bar). */
  reason: z.enum(['rate_limited', 'quota', 'unreachable', 'refused']).nullable().optional(),
  nextCheckAt: z.string().nullable(),
});

export const followUpOperations = {
  /** The link was copied or opened here: main follows it up (watching Codat) until it ends. */
  'followups.record': act(
    z.object({ companyId: codatId, connectionId: codatId, how: z.enum(['copied', 'opened']) }).strict(),
    handOverSchema,
  ),
  /**
   * The active profile's hand-overs, oldest first. `problem`: the latest are kept in memory only; `watch`: when
   * main last asked Codat about them, and why it could not, if it could not.
   */
  'followups.list': read(
    noInput,
    z.object({
      handOvers: z.array(handOverSchema),
      problem: z.string().nullable(),
      watch: followUpWatchSchema,
      /** The OS user this console runs as (hand-overs' `by`), for "mine". */
      you: z.string(),
    }),
  ),
  /**
   * Forgets the active profile's hand-overs that have ended (first sync finished or failed, replaced by a fresh
   * link, deleted in Codat); open ones stay. Says how many went.
   */
  'followups.clearDone': act(noInput, z.object({ cleared: z.number().int().nonnegative() })),
  /**
   * Asks Codat about every followed hand-over now, without waiting for the next planned check (the customer says
   * they have just authorised). Costs what a planned check costs: one request per 49 companies.
   */
  'followups.checkNow': act(
    noInput,
    z.object({ checked: z.number().int().nonnegative(), problem: z.string().nullable() }),
  ),
  'followups.settings': read(noInput, followUpSettingsSchema),
  'followups.saveSettings': act(followUpSettingsSchema.strict(), followUpSettingsSchema),
  /**
   * Reads the connection's current link from Codat now (links work once, for a day: never a cached one), records its
   * hand-over (how: fresh_link) and audits it. Refused, asking Codat nothing, when the day's quota is down to the
   * reserve. `lastRecipient`: who the latest invite for this connection went to, if one did.
   */
  'followups.freshLink': write(
    connectionRef,
    z.object({
      url: z.string(),
      expiresAt: z.string(),
      handOver: handOverSchema,
      lastRecipient: z.string().nullable(),
    }),
    'link.fresh',
  ),
} satisfies Record<`followups.${string}`, OperationSpec>;

export const followUpEvents = {
  /**
   * Hand-overs were recorded or moved on; `events` are what to tell the user (each notified once). `notice`: the
   * one notification for them (null or absent: none, or every kind turned off), and whether main showed it on
   * the desktop (when not, the page shows it). `watch`: after a check, how the watcher stands.
   */
  'followups.changed': z.object({
    profileId: z.string(),
    events: z.array(handOverEventSchema),
    notice: followUpNoticeSchema.extend({ shownByMain: z.boolean() }).nullable().optional(),
    watch: followUpWatchSchema.optional(),
  }),
} satisfies Record<`followups.${string}`, z.ZodType>;
