/**
 * The issues inbox of each profile: triage on the active profile's (acknowledge, snooze, mute, unmute), snoozes that
 * end, and what a monitor round or a Health page scan saw, applied to it (`applyRound`, called by the monitor). Every
 * change is told to the pages with `inbox.changed` and the New count. The rules are pure
 * (src/shared/domain/inbox-rules.ts); the file, with the monitor's bookkeeping beside the issues, is inbox-store.ts's.
 */
import type { OperationOutput } from '@shared/contract';
import type { HealthIssue } from '@shared/domain/health/model';
import type { InboxIssue, MonitorRound } from '@shared/domain/inbox';
import {
  acknowledge,
  applyRound,
  countByState,
  endSnoozes,
  mute,
  nextSnoozeEnd,
  snooze,
  unmute,
  type Presence,
} from '@main/rules/inbox';
import { BridgeFailure } from '@shared/result';
import type { EventPublisher, ProfileSwitches } from '../ports';
import type { Disposables } from './disposables';
import type { InboxData, InboxStore } from './inbox-store';
import type { Scheduler } from './scheduler';

const inboxDefaults = {
  /** The latest snooze may end this far ahead. */
  maxSnoozeMs: 366 * 24 * 60 * 60_000,
} as const;

/** The scheduler's name for the next snooze end. */
const snoozeEndJob = 'snooze end';

export interface InboxServiceOptions {
  store: InboxStore;
  /** Plans the next snooze end (the monitor's scheduler: a profile switch cancels what was planned). */
  scheduler: Scheduler;
  events: EventPublisher;
  /** After a switch the other profile's snooze ends are planned for. */
  profileSwitches: ProfileSwitches;
  disposables: Disposables;
  /** The active profile's id. */
  profileId(): string;
  /** How long an issue unseen by complete rounds stays open, per profile (its monitor settings). */
  resolveAfterHours(profileId: string): number;
  now(): number;
  /** The OS user, recorded with triage. */
  user: string;
}

/** What a round (or a Health page scan) saw: its issues, and whether it saw every company it should have. */
export interface RoundSightings {
  issues: HealthIssue[];
  complete: boolean;
}

/** A round applied to the inbox: what it changed, its alerts (new or reopened issues worth a notice), the New count. */
export interface AppliedRound {
  counts: Pick<MonitorRound, 'newIssues' | 'reopenedIssues' | 'resolvedIssues'>;
  alerts: InboxIssue[];
  newCount: number;
}

export interface TriageResult {
  /** How many issues changed. */
  changed: number;
}

export interface InboxService {
  /** Plans the first snooze end (the composition root, while the app runs). */
  start(): void;
  /** The active profile's inbox, ended snoozes applied first. */
  list(): Promise<OperationOutput<'inbox.list'>>;
  acknowledge(keys: readonly string[]): Promise<TriageResult>;
  /** Until `until` (ISO), in the future and at most a year ahead. */
  snooze(keys: readonly string[], until: string): Promise<TriageResult>;
  mute(keys: readonly string[]): Promise<TriageResult>;
  unmute(keys: readonly string[]): Promise<TriageResult>;
  /**
   * Applies what a round saw to the profile's inbox and keeps the round as its last (with `spent`, the monitor's
   * requests today, when given). With `announce` the pages hear of it; without (a round of the profile switched
   * away from), it is kept quietly.
   */
  applyRound(
    profileId: string,
    round: MonitorRound,
    sightings: RoundSightings,
    options: { spent?: InboxData['spent']; announce: boolean },
  ): Promise<AppliedRound>;
}

const newCountOf = (inbox: InboxData) => inbox.issues.filter((issue) => issue.state === 'new').length;

/** A snooze's end, checked: in the future, at most a year ahead. */
function snoozeEnd(until: string, at: number): number {
  const end = Date.parse(until);
  if (!(end > at)) {
    throw new BridgeFailure({ code: 'invalid_input', message: 'A snooze must end in the future.', details: ['until'] });
  }
  if (end - at > inboxDefaults.maxSnoozeMs) {
    throw new BridgeFailure({
      code: 'invalid_input',
      message: 'A snooze can last a year at most.',
      details: ['until'],
    });
  }
  return end;
}

export function createInboxService(options: InboxServiceOptions): InboxService {
  const { store, scheduler, now } = options;
  let started = false;

  const presence = (inbox: InboxData, profileId: string): Presence => ({
    at: now(),
    lastCompleteRoundAt: inbox.lastCompleteRoundAt ? Date.parse(inbox.lastCompleteRoundAt) : null,
    resolveAfterHours: options.resolveAfterHours(profileId),
  });
  const actor = () => ({ at: now(), by: options.user });
  const tellPages = (profileId: string, inbox: InboxData) =>
    options.events.emit('inbox.changed', { profileId, newCount: newCountOf(inbox) });

  async function endDueSnoozes(profileId: string): Promise<void> {
    const inbox = await store.read(profileId);
    if (endSnoozes(inbox.issues, presence(inbox, profileId)).changed === 0) return;
    const saved = await store.update(profileId, (stored) => ({
      ...stored,
      issues: endSnoozes(stored.issues, presence(stored, profileId)).issues,
    }));
    tellPages(profileId, saved);
  }

  /** Plans the active profile's next snooze end, if an issue is snoozed. */
  async function planSnoozeEnd(): Promise<void> {
    scheduler.cancel(snoozeEndJob);
    if (!started) return;
    const asOf = scheduler.generation();
    const profileId = options.profileId();
    const end = nextSnoozeEnd((await store.read(profileId)).issues);
    if (end === null) return;
    scheduler.plan(snoozeEndJob, end, () => endDueSnoozes(profileId).then(planSnoozeEnd), asOf);
  }
  const planAgain = () =>
    planSnoozeEnd().catch((error: unknown) =>
      console.error(`[inbox] the next snooze end could not be planned: ${String(error)}`),
    );

  /** Triage on the active profile's inbox; says how many issues changed. */
  async function triage(
    change: (inbox: InboxData, profileId: string) => { issues: InboxIssue[]; changed: number },
  ): Promise<TriageResult> {
    const profileId = options.profileId();
    let changed = 0;
    const saved = await store.update(profileId, (inbox) => {
      const result = change(inbox, profileId);
      changed = result.changed;
      return { ...inbox, issues: result.issues };
    });
    if (changed > 0) {
      tellPages(profileId, saved);
      await planAgain();
    }
    return { changed };
  }

  options.disposables.add(options.profileSwitches.onSwitch(() => void planAgain()));

  return {
    start() {
      started = true;
      void planAgain();
    },
    async list() {
      const profileId = options.profileId();
      await endDueSnoozes(profileId);
      const inbox = await store.read(profileId);
      return { issues: inbox.issues, counts: countByState(inbox.issues), problem: store.problem() };
    },
    acknowledge: (keys) => triage((inbox) => acknowledge(inbox.issues, keys, actor())),
    snooze(keys, until) {
      const end = snoozeEnd(until, now());
      return triage((inbox) => snooze(inbox.issues, keys, end, actor()));
    },
    mute: (keys) => triage((inbox) => mute(inbox.issues, keys, actor())),
    unmute: (keys) => triage((inbox, profileId) => unmute(inbox.issues, keys, actor(), presence(inbox, profileId))),

    async applyRound(profileId, round, sightings, { spent, announce }) {
      let applied: Omit<AppliedRound, 'newCount'> = {
        counts: { newIssues: 0, reopenedIssues: 0, resolvedIssues: 0 },
        alerts: [],
      };
      const at = now();
      const saved = await store.update(profileId, (inbox) => {
        const outcome = applyRound(inbox.issues, {
          profileId,
          at,
          seen: sightings.issues,
          complete: sightings.complete,
          resolveAfterHours: options.resolveAfterHours(profileId),
        });
        const counts = {
          newIssues: outcome.newIssues,
          reopenedIssues: outcome.reopenedIssues,
          resolvedIssues: outcome.resolvedIssues,
        };
        applied = { counts, alerts: outcome.alerts };
        return {
          ...inbox,
          issues: outcome.issues,
          lastCompleteRoundAt: sightings.complete ? new Date(at).toISOString() : inbox.lastCompleteRoundAt,
          lastRound: { ...round, ...counts },
          ...(spent !== undefined ? { spent } : {}),
        };
      });
      if (announce) {
        tellPages(profileId, saved);
        void planAgain();
      }
      return { ...applied, newCount: newCountOf(saved) };
    },
  };
}
