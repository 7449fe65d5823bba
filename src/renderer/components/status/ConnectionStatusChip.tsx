import './status.css';
import { useId } from 'react';
import type { ConnectionStatus, Extensible } from '@shared/codat/schemas';
import { connectionStatusExplanation, connectionStatusLabel, connectionStatusLook } from './connection-status';

/** Codat's status word with an icon (never colour alone) and its one-line explanation on hover or focus. */
export function ConnectionStatusChip({ status }: { status: Extensible<ConnectionStatus> }) {
  const tipId = useId();
  const { tone, Icon } = connectionStatusLook(status);
  return (
    <span className="status-chip">
      <span className="chip" data-tone={tone} tabIndex={0} aria-describedby={tipId}>
        <Icon aria-hidden="true" size={14} strokeWidth={2.2} />
        {connectionStatusLabel(status)}
      </span>
      <span role="tooltip" id={tipId} className="status-tip">
        {connectionStatusExplanation(status)}
      </span>
    </span>
  );
}
