import { useId } from 'react';
import type { ConnectionStatus } from '../../../shared/codat/schemas';
import { statusExplanations, statusWords } from '../../../shared/domain/connections';
import { connectionStatusLooks } from '../../components/connection-status';

/** Codat's status word with an icon (never colour alone) and its one-line explanation on hover or focus. */
export function StatusChip({ status }: { status: ConnectionStatus }) {
  const tipId = useId();
  const { tone, Icon } = connectionStatusLooks[status];
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
