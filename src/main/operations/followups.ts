import type { FollowUpService } from '../services/followups';
import type { SettingsSection } from '../settings';
import type { AreaHandlers } from './types';

export function followUpOperations(
  followUps: FollowUpService,
  settings: SettingsSection<'followups'>,
  /** The check interval changed: plan the next check with it. */
  onSettingsSaved: () => void,
  /** Checks every followed hand-over with Codat now. */
  checkNow: () => Promise<{ checked: number; problem: string | null }>,
): AreaHandlers<'followups'> {
  return {
    'followups.settings': () => settings.read(),
    'followups.saveSettings': (next) => {
      const saved = settings.save(next);
      onSettingsSaved();
      return saved;
    },
    'followups.record': ({ companyId, connectionId, how }) => followUps.record(companyId, connectionId, how),
    'followups.list': () => followUps.list(),
    'followups.clearDone': () => followUps.clearDone(),
    'followups.checkNow': () => checkNow(),
  };
}
