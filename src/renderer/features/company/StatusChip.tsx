import { CircleCheck, CircleSlash, Clock, Unlink, type LucideIcon } from 'lucide-react';
import { useId } from 'react';
import type { ConnectionStatus } from '../../../shared/codat/schemas';
import { statusExplanations, statusWords } from '../../../shared/domain/connections';

type Tone = 'linked' | 'pending' | 'neutral' | 'error';

const looks: Record<ConnectionStatus, { tone: Tone; Icon: LucideIcon }> = {
  Linked: { tone: 'linked', Icon: CircleCheck },
  PendingAuth: { tone: 'pending', Icon: Clock },
  Unlinked: { tone: 'neutral', Icon: Unlink },
  Deauthorized: { tone: 'neutral', Icon: CircleSlash },
};

/** Codat's status word with an icon (never colour alone) and its one-line explanation on hover or focus. */
export function StatusChip({ status }: { status: ConnectionStatus }) {
  const tipId = useId();
  const { tone, Icon } = looks[status];
  return (
    <span className="status">
      <span className="chip" data-tone={tone} tabIndex={0} aria-describedby={tipId}>
        <Icon aria-hidden="true" size={14} strokeWidth={2.2} />
        {statusWords[status]}
      </span>
      <span role="tooltip" id={tipId} className="status-tip">
        {statusExplanations[status]}
      </span>
    </span>
  );
}
