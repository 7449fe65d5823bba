/**
 * The issues inbox and the monitor: triage on the active profile's inbox, the monitor's settings and rounds. Saving
 * settings through `settings.save` also tells the monitor and the pages (the composition root's section does).
 */
import type { MonitorService } from '../services/monitor';
import type { MonitorSettingsSection } from '../storage/settings';
import type { AreaHandlers } from './types';

export function inboxOperations(
  monitor: MonitorService,
  settings: MonitorSettingsSection,
  activeProfileId: () => string,
): AreaHandlers<'inbox'> & AreaHandlers<'monitor'> {
  return {
    'inbox.list': () => monitor.list(),
    'inbox.acknowledge': ({ keys }) => monitor.acknowledge(keys),
    'inbox.snooze': ({ keys, until }) => monitor.snooze(keys, until),
    'inbox.mute': ({ keys }) => monitor.mute(keys),
    'inbox.unmute': ({ keys }) => monitor.unmute(keys),
    'monitor.settings': () => settings.read(activeProfileId()),
    'monitor.saveSettings': (next) => settings.save(activeProfileId(), next),
    'monitor.status': () => monitor.status(),
    'monitor.checkNow': () => monitor.checkNow('check_now'),
  };
}
