import type { FollowUpService } from '../services/followups';
import type { SettingsSection } from '../storage/settings';
import type { AuditTargets } from './audit-targets';
import type { AreaHandlers } from './types';

export function inviteOperations(
  settings: SettingsSection<'invite'>,
  targets: AuditTargets,
  followUps: Pick<FollowUpService, 'record'>,
): AreaHandlers<'invites'> {
  return {
    'invites.settings': () => settings.read(),
    'invites.saveSettings': (next) => settings.save(next),
    // Composing an invite changes nothing in Codat: the audit record, and following the link up, are the whole of it.
    'invites.composed': {
      audit: ({ companyId, connectionId, how }) => ({
        target: targets.company(companyId, connectionId),
        after: () => ({ detail: how === 'copied' ? 'Invite copied' : 'Invite opened in the email app' }),
      }),
      async run({ companyId, connectionId, recipient }) {
        // The invite was composed either way: a hand-over that cannot be recorded is said in the log, not here.
        await followUps.record(companyId, connectionId, 'invite', recipient || undefined).catch((error: unknown) => {
          console.warn(`[followups] could not record the invite's hand-over: ${String(error)}`);
        });
        return { recorded: true as const };
      },
    },
  };
}
