/** The composition root's monitoring area: the Health page's scans, the issues inbox, and the monitor's rounds. */
import { createHealthScanService } from '../services/health-scan';
import { createCloserLookCache } from '../services/portfolio-scan';
import { createInboxService } from '../services/inbox';
import { createInboxStore } from '../services/inbox-store';
import { createMonitorService } from '../services/monitor';
import { createRoundNotifier } from '../services/round-alerts';
import { createScheduler } from '../services/scheduler';
import type { Wiring } from './shared';

/** The Health page's scans, the issues inbox, and the monitor whose rounds feed it. */
export function createMonitoring(wiring: Wiring) {
  const { ports, tuning, hub, log, now, disposables, profiles, active, rateLimit, sections } = wiring;
  const scanning = {
    api: active.api,
    offlineConnectors: wiring.offlineConnectors,
    thresholds: () => sections.thresholds.read(),
    rateLimit,
    now,
    // The Health page's scan and the monitor's rounds share their closer looks: neither pays for what the other read.
    looks: createCloserLookCache(),
  };
  const scans = createHealthScanService({
    ...scanning,
    profileId: active.id,
    lifetime: { profileSwitches: profiles, disposables },
    onProgress: (state) => hub.emit('health.progress', state),
    // What the Health page's scan saw goes into the same issues inbox.
    onFinished: (outcome) =>
      void monitor
        .scanFinished(outcome)
        .catch((error: unknown) =>
          log.error(`[monitor] a Health scan could not be added to the inbox: ${String(error)}`),
        ),
  });
  const background = { events: hub, profileSwitches: profiles, disposables };
  const scheduler = createScheduler({
    now,
    area: 'monitor',
    profileSwitches: profiles,
    disposables,
    ...(tuning.monitorTimer ? { timer: tuning.monitorTimer } : {}),
  });
  const store = createInboxStore({
    directory: ports.inboxDirectory,
    now,
    onProblem: (message) => log.warn(`[inbox] ${message}`),
  });
  const inbox = createInboxService({
    ...background,
    store,
    scheduler,
    profileId: active.id,
    resolveAfterHours: (profileId) => sections.monitor.read(profileId).resolveAfterHours,
    now,
    user: ports.userName,
  });
  const rounds = createRoundNotifier({ notifier: ports.notifier, events: hub });
  const monitor = createMonitorService({
    ...background,
    store,
    inbox,
    scanner: (onProgress) =>
      createHealthScanService({
        ...scanning,
        onProgress,
        ...(tuning.monitorPageSize ? { pageSize: tuning.monitorPageSize } : {}),
      }),
    scheduler,
    settings: sections.monitor,
    rateLimit,
    profileId: active.id,
    now,
    onRoundEnded: (ended) => {
      tuning.onRoundEnded?.(ended.round, ended.alerts);
      rounds.roundEnded(ended);
    },
  });
  return { scans, inbox, monitor };
}
