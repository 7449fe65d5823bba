import './status.css';
import { useId } from 'react';
import {
  connectionStatusExplanation,
  connectionStatusLabel,
  connectionStatusLook,
  type ConnectionState,
} from './connection-status';

/**
 * Codat's status word (or how the customer's attempt ended) with an icon (never colour alone), and its one-line
 * explanation with the next step on hover or focus.
 */
export function ConnectionStatusChip({ connection }: { connection: ConnectionState }) {
  const tipId = useId();
  const { tone, Icon } = connectionStatusLook(connection);
  return (
    <span className="status-chip">
      <span className="chip" data-tone={tone} tabIndex={0} aria-describedby={tipId}>
        <Icon aria-hidden="true" size={14} strokeWidth={2.2} />
        {connectionStatusLabel(connection)}
      </span>
      <span role="tooltip" id={tipId} className="status-tip">
        {connectionStatusExplanation(connection)}
      </span>
    </span>
  );
}
