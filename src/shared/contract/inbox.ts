/** inbox and monitor: the portfolio watched in the background, its issues with a lifecycle. */
import { inboxNoticeSchema } from '../domain/inbox-alerts';
import {
  inboxIssueSchema,
  inboxStates,
  monitorRoundSchema,
  monitorSettingsSchema,
  monitorStatusSchema,
} from '../domain/inbox';
import { noInput } from './common';
import { act, read, type OperationSpec } from './effects';
import { z } from './zod';

const issueKeys = z.array(z.string().min(1).max(400)).min(1).max(5000);
const triageCount = z.object({ changed: z.number().int() });

export const inboxOperations = {
  /**
   * The active profile's inbox: every issue remembered, with counts per tab. Snoozes that have ended are applied
   * first (what their timer does anyway), so asking again changes nothing more: a read.
   */
  'inbox.list': read(
    noInput,
    z.object({
      issues: z.array(inboxIssueSchema),
      counts: z.record(z.enum(inboxStates), z.number().int().nonnegative()),
      /** The inbox file could not be read or written (it is kept in memory meanwhile), in plain words. */
      problem: z.string().nullable(),
    }),
  ),
  /** Triage, by issue key (several at once for bulk actions). Each says how many changed. */
  'inbox.acknowledge': act(z.object({ keys: issueKeys }).strict(), triageCount),
  'inbox.snooze': act(
    z
      .object({
        keys: issueKeys,
        /** Until when (in the future, within a year). */
        until: z.string().refine((value) => Number.isFinite(Date.parse(value)), 'Not a date.'),
      })
      .strict(),
    triageCount,
  ),
  'inbox.mute': act(z.object({ keys: issueKeys }).strict(), triageCount),
  'inbox.unmute': act(z.object({ keys: issueKeys }).strict(), triageCount),
} satisfies Record<`inbox.${string}`, OperationSpec>;

export const monitorOperations = {
  'monitor.settings': read(noInput, monitorSettingsSchema),
  'monitor.saveSettings': act(monitorSettingsSchema.strict(), monitorSettingsSchema),
  'monitor.status': read(noInput, monitorStatusSchema),
  /** Starts a round now ("Check now"); its progress comes as `monitor.progress`. A round already running is returned. */
  'monitor.checkNow': act(noInput, monitorRoundSchema),
} satisfies Record<`monitor.${string}`, OperationSpec>;

export const inboxEvents = {
  /** A monitor round's progress (throttled), and its end. */
  'monitor.progress': monitorRoundSchema,
  /** A profile's monitor settings were saved (Settings, or the tray's Pause / Resume): show them, plan again. */
  'monitor.settingsChanged': z.object({ profileId: z.string(), settings: monitorSettingsSchema }),
  /**
   * The active profile's inbox changed (a round, a scan, triage, a snooze ending): read it again. `notice`: after a
   * round, the one notification for its alerts (null or absent: none), and whether main showed it on the desktop
   * (when not, the page shows it).
   */
  'inbox.changed': z.object({
    profileId: z.string(),
    newCount: z.number().int().nonnegative(),
    notice: inboxNoticeSchema.extend({ shownByMain: z.boolean() }).nullable().optional(),
  }),
} satisfies Record<`${'inbox' | 'monitor'}.${string}`, z.ZodType>;
