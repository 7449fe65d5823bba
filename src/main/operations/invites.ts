import type { SettingsSection } from '../settings';
import type { AuditTargets } from './audit-targets';
import type { AreaHandlers } from './types';

export function inviteOperations(settings: SettingsSection<'invite'>, targets: AuditTargets): AreaHandlers<'invites'> {
  return {
    'invites.settings': () => settings.read(),
    'invites.saveSettings': (next) => settings.save(next),
    // Composing an invite changes nothing in Codat: the audit record is the whole of it.
    'invites.composed': {
      audit: ({ companyId, connectionId, how }) => ({
        target: targets.company(companyId, connectionId),
        after: () => ({ detail: how === 'copied' ? 'Invite copied' : 'Invite opened in the email app' }),
      }),
      run: () => ({ recorded: true as const }),
    },
  };
}
