import type { FollowUpService } from '../services/followups';
import type { SettingsSection } from '../storage/settings';
import type { AuditTargets } from './audit-targets';
import type { AreaHandlers } from './types';

export function followUpOperations(
  followUps: FollowUpService,
  settings: SettingsSection<'followups'>,
  /** The check interval changed: plan the next check with it. */
  onSettingsSaved: () => void,
  targets: AuditTargets,
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
    // Nothing changes in Codat: the audit record (each fresh link is one) and following the link up are the whole of it.
    'followups.freshLink': {
      audit: ({ companyId, connectionId }) => ({
        target: targets.company(companyId, connectionId),
        // Health's companies are seldom known before: the answer names them.
        after: ({ handOver }) => ({
          target: { companyName: handOver.company.name, platformName: handOver.connection.platformName },
        }),
      }),
      run: ({ companyId, connectionId }) => followUps.freshLink(companyId, connectionId),
    },
    'followups.record': ({ companyId, connectionId, how }) => followUps.record(companyId, connectionId, how),
    'followups.list': () => followUps.list(),
    'followups.clearDone': () => followUps.clearDone(),
    'followups.checkNow': () => checkNow(),
  };
}
