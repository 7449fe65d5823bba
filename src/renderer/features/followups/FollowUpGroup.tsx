import { Copy, Mail } from 'lucide-react';
import { memo, useId } from 'react';
import type { HandOver } from '@shared/domain/handovers';
import { routeHashFor } from '@shared/links';
import { ActionButton } from '@renderer/components/ActionButton';
import { useNow } from '@renderer/hooks/useNow';
import { formatDateTime, formatRelative } from '@renderer/lib/format';
import { codatWords, endedWords, handedOverWords, timeLeftWords } from './followup-format';
import { offersFreshLink, type FollowUpGroupId } from './groups';

interface FollowUpGroupProps {
  id: FollowUpGroupId;
  label: string;
  items: HandOver[];
  now: number;
  busy: { handOverId: string; kind: 'send' | 'copy' } | null;
  onSend(handOver: HandOver): void;
  onCopy(handOver: HandOver): void;
}

/** One group of hand-overs, as a table whose columns keep their width whatever the countdown says. */
export function FollowUpGroup({ id, label, items, now, busy, onSend, onCopy }: FollowUpGroupProps) {
  const headingId = useId();
  const withActions = offersFreshLink(id);
  // "3 hours ago" needs no more than the minute: rows are drawn again only when that (or their hand-over) changes.
  const minute = Math.floor(now / 60_000) * 60_000;
  return (
    <section className="card followups-group" data-group={id} aria-labelledby={headingId}>
      <h2>
        <span id={headingId}>{label}</span> <span className="followups-group-count">{items.length}</span>
      </h2>
      <div className="followups-table-scroll">
        <table className="followups-table">
          <colgroup>
            <col className="col-company" />
            <col className="col-platform" />
            <col className="col-handed" />
            <col className="col-status" />
            <col className="col-actions" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Company</th>
              <th scope="col">Platform</th>
              <th scope="col">Handed over</th>
              <th scope="col">{withActions ? 'Link' : 'Outcome'}</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((handOver) => (
              <FollowUpRow
                key={handOver.id}
                handOver={handOver}
                group={id}
                now={minute}
                busy={busy?.handOverId === handOver.id ? busy.kind : null}
                onSend={onSend}
                onCopy={onCopy}
              />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const FollowUpRow = memo(function FollowUpRow(props: {
  handOver: HandOver;
  group: FollowUpGroupId;
  now: number;
  busy: 'send' | 'copy' | null;
  onSend(handOver: HandOver): void;
  onCopy(handOver: HandOver): void;
}) {
  const { handOver, group, now, busy } = props;
  const companyId = useId();
  const words = group === 'problem' || group === 'syncFailing' ? codatWords(handOver) : null;
  const counting = group === 'waiting' || group === 'expiring';
  return (
    <tr data-group={group}>
      <th scope="row">
        <a id={companyId} href={routeHashFor({ companyId: handOver.company.id, connectionId: null })}>
          {handOver.company.name}
        </a>
      </th>
      <td>{handOver.connection.platformName}</td>
      <td>
        {handedOverWords(handOver)}
        <br />
        <time className="muted" dateTime={handOver.at} title={formatDateTime(handOver.at)}>
          {formatRelative(handOver.at, now)}
        </time>
      </td>
      <td className={group === 'expiring' ? 'followups-status warning' : 'followups-status'}>
        {counting ? <Countdown expiresAt={handOver.link.expiresAt} /> : endedWords(handOver, now)}
        {words && <span className="followups-codat">Codat: {words}</span>}
      </td>
      <td className="followups-actions">
        {offersFreshLink(group) && (
          <>
            <ActionButton
              Icon={Mail}
              busy={busy === 'send'}
              className={group === 'waiting' ? 'button button-small' : 'button button-small button-primary'}
              data-follow-up-action="send"
              data-connection-id={handOver.connection.id}
              aria-describedby={companyId}
              aria-busy={busy === 'send' || undefined}
              onClick={() => props.onSend(handOver)}
            >
              Send fresh link
            </ActionButton>
            <ActionButton
              Icon={Copy}
              busy={busy === 'copy'}
              className="button button-small"
              data-follow-up-action="copy"
              data-connection-id={handOver.connection.id}
              aria-describedby={companyId}
              aria-busy={busy === 'copy' || undefined}
              onClick={() => props.onCopy(handOver)}
            >
              Copy link
            </ActionButton>
          </>
        )}
      </td>
    </tr>
  );
});

/** The link's time left, to the second in its last hour; the cell's width is fixed, so nothing moves. */
function Countdown({ expiresAt }: { expiresAt: string }) {
  const now = useNow(1000);
  const left = Date.parse(expiresAt) - now;
  return (
    <time className="followups-countdown" dateTime={expiresAt} title={`Expires ${formatDateTime(expiresAt)}`}>
      {timeLeftWords(left)}
    </time>
  );
}
