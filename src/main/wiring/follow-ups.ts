/** The composition root's follow-ups area: the hand-overs the pages record, and the watcher that checks them. */
import { createFollowUpAnnouncer } from '../services/followup-notifications';
import { createFollowUpService, type FollowUpService } from '../services/followups';
import { createFollowUpWatcher, type FollowUpWatcher } from '../services/followups-watcher';
import { createHandOverStore } from '../services/handovers-store';
import { createScheduler } from '../services/scheduler';
import type { CompanyServices } from './companies';
import type { Wiring } from './shared';

/** The hand-overs and their follow-up: the service the pages use, and the watcher that checks them with Codat. */
export function createFollowUpServices(
  { ports, tuning, hub, log, now, disposables, profiles, active, rateLimit, sections }: Wiring,
  { cache, companies }: Pick<CompanyServices, 'cache' | 'companies'>,
): { handOvers: FollowUpService; watcher: FollowUpWatcher } {
  const store = createHandOverStore({
    directory: ports.followUpsDirectory,
    now,
    onProblem: (message) => log.warn(`[followups] ${message}`),
  });
  const watcher = createFollowUpWatcher({
    store,
    api: active.api,
    profileId: active.id,
    now,
    intervalMs: () => sections.followUps.read().checkEveryMinutes * 60_000,
    rateLimit,
    scheduler: createScheduler({
      now,
      area: 'followups',
      profileSwitches: profiles,
      disposables,
      ...(tuning.followUpTimer ? { timer: tuning.followUpTimer } : {}),
    }),
    profileSwitches: profiles,
    disposables,
    events: hub,
    announcer: createFollowUpAnnouncer({
      notifier: ports.notifier,
      notify: () => sections.followUps.read().notify,
    }),
  });
  const handOvers = createFollowUpService({
    store,
    now,
    user: ports.userName,
    profileId: active.id,
    company: async (companyId, fresh) =>
      (fresh ? null : cache.known(companyId)) ?? companies.get(companyId, fresh === true),
    rateLimit,
    dataStatus: async (companyId) => (await active.api()).dataStatus(companyId),
    watchState: () => watcher.state(),
    onRecorded: (profileId) => {
      hub.emit('followups.changed', { profileId, events: [] });
      watcher.wake();
    },
    onCleared: (profileId) => hub.emit('followups.changed', { profileId, events: [] }),
  });
  return { handOvers, watcher };
}
