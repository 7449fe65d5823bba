/** What composing the fresh links' invites asks main: the template, a fresh link again, and that one was composed. */
import type { OperationOutput } from '@shared/contract';
import type { Result } from '@shared/result';
import { linkdesk } from '@renderer/api';
import type { HandOverLink } from '@renderer/app/invite-composer';
import type { FreshLinkTarget } from './fresh-links';

export type InviteSettings = OperationOutput<'invites.settings'>;

export function useFreshLinkInvites() {
  return {
    settings: (): Promise<Result<InviteSettings>> => linkdesk.invites.settings(),
    /** "Regenerate link" in the composer: a fresh link again (recorded and audited like the first). */
    async regenerate(target: FreshLinkTarget): Promise<Result<HandOverLink>> {
      const result = await linkdesk.followups.freshLink({
        companyId: target.companyId,
        connectionId: target.connectionId,
      });
      if (!result.ok) return result;
      return {
        ok: true,
        value: { url: result.value.url, issuedAt: Date.parse(result.value.handOver.link.issuedAt), usedBy: null },
      };
    },
    /** As the company's hand-over panel does: audited, and followed up with its recipient; never blocks. */
    composed(target: FreshLinkTarget, how: 'email_app' | 'copied', recipient: string): void {
      void linkdesk.invites.composed({
        companyId: target.companyId,
        connectionId: target.connectionId,
        how,
        ...(recipient ? { recipient } : {}),
      });
    },
  };
}
