import type { Extensible, PullStatus } from '@shared/codat/schemas';
import { pullState, pullStateLooks, pullStatusExplanation, pullStatusLabel } from './pull-status';
import { StateBadge } from './StateBadge';

/** Codat's pull status word with its icon and tone (turning while in progress), explained on hover. */
export function PullStatusBadge({ status }: { status: Extensible<PullStatus> | undefined }) {
  const state = pullState(status);
  const { tone, Icon } = pullStateLooks[state];
  return (
    <StateBadge
      tone={tone}
      Icon={Icon}
      state={state}
      className="pull-status"
      title={status ? pullStatusExplanation(status) : 'Codat has no sync of this type yet.'}
    >
      {status ? pullStatusLabel(status) : 'Never synced'}
    </StateBadge>
  );
}
