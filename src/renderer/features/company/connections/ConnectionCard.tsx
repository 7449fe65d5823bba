import './connections.css';
import { Send, TriangleAlert } from 'lucide-react';
import { useEffect, useId, useRef, type ReactNode } from 'react';
import type { Connection } from '@shared/codat/schemas';
import type { BridgeError } from '@shared/result';
import { ActionButton } from '@renderer/components/ActionButton';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { formatDateTime, formatRelative } from '@renderer/lib/format';
import { sourceTypeLabel } from '@renderer/lib/source-types';
import { connectionErrorDetail, connectionErrorSummary } from '../company-format';
import { PlatformLogo } from './PlatformLogo';
import { ConnectionStatusChip } from '@renderer/components/status/ConnectionStatusChip';

interface ConnectionCardProps {
  connection: Connection;
  logo: string | null;
  now: number;
  /** Asked for by "Show existing accounting connection": take focus and stand out for a moment. */
  highlighted: boolean;
  /** A fresh link is being read for the hand-over. */
  preparingHandOver: boolean;
  handOverError: BridgeError | null;
  onHandOver(): void;
  /** Rare, destructive actions (unlink, delete), supplied by the view. */
  dangerActions?: ReactNode;
}

/** Connections the customer can (re-)authorise through a link: re-linking reuses this connection. */
export function canHandOver(connection: Connection): boolean {
  return connection.status !== 'Linked';
}

export function ConnectionCard(props: ConnectionCardProps) {
  const { connection, logo, now, highlighted, preparingHandOver, handOverError, onHandOver } = props;
  const headingId = useId();
  const cardRef = useRef<HTMLElement>(null);
  const errors = connection.dataConnectionErrors ?? [];
  const activeErrors = errors.filter((error) => error.status !== 'Resolved');

  useEffect(() => {
    if (!highlighted || !cardRef.current) return;
    cardRef.current.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    cardRef.current.focus();
  }, [highlighted]);

  return (
    <article
      ref={cardRef}
      className="card connection-card"
      data-highlighted={highlighted || undefined}
      aria-labelledby={headingId}
      tabIndex={-1}
    >
      <div className="connection-top">
        <PlatformLogo logo={logo} name={connection.platformName} />
        <div className="connection-title">
          <h3 id={headingId}>{connection.platformName}</h3>
          <span className="muted">{sourceTypeLabel(connection.sourceType)}</span>
        </div>
        <ConnectionStatusChip connection={connection} />
      </div>
      <dl className="facts facts-compact">
        <dt>Last sync</dt>
        <dd>
          {connection.lastSync ? (
            <time dateTime={connection.lastSync} title={formatDateTime(connection.lastSync)}>
              {formatRelative(connection.lastSync, now)}
            </time>
          ) : (
            'Never'
          )}
        </dd>
        <dt>Created</dt>
        <dd>
          <time dateTime={connection.created} title={formatDateTime(connection.created)}>
            {formatRelative(connection.created, now)}
          </time>
        </dd>
      </dl>
      {errors.length > 0 && (
        <div className="connection-errors">
          <h4>
            {activeErrors.length > 0 ? (
              <span className="tone-error">
                <TriangleAlert aria-hidden="true" size={14} /> Authorisation errors
              </span>
            ) : (
              'Earlier authorisation errors (resolved)'
            )}
          </h4>
          <ul>
            {errors.map((error, index) => (
              <li key={`${error.erroredOnUtc ?? ''}-${index}`} data-resolved={error.status === 'Resolved' || undefined}>
                <span className="error-summary">{connectionErrorSummary(error)}</span>
                <span className="muted">{connectionErrorDetail(error, now)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {canHandOver(connection) && (
        <div className="card-actions">
          <ActionButton
            Icon={Send}
            busy={preparingHandOver}
            onClick={onHandOver}
            disabled={preparingHandOver}
            aria-busy={preparingHandOver || undefined}
          >
            Hand over link
          </ActionButton>
          {preparingHandOver && <span className="muted">Getting a fresh link from Codat…</span>}
        </div>
      )}
      {handOverError && <ErrorNotice error={handOverError} title="Could not get a fresh link for this connection." />}
      {props.dangerActions}
    </article>
  );
}
