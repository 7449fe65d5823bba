import { useId } from 'react';
import { isSyncSettled, type SyncProgress } from '@shared/domain/watch';
import { pullStateLooks } from '@renderer/components/status/pull-status';
import { StateBadge } from '@renderer/components/status/StateBadge';
import { dataTypeLabel } from '../company-format';

export const syncStateWords: Record<SyncProgress['state'], string> = {
  in_progress: 'In progress',
  complete: 'Complete',
  failed: 'Failed',
  not_supported: 'Not supported',
  unknown: 'Status not known to Linkdesk',
};

/** The initial sync after linking, per data type, until every type has finished one way or another. */
export function FirstSync({ progress, finished }: { progress: SyncProgress[]; finished: boolean }) {
  const headingId = useId();
  const done = progress.filter(isSyncSettled).length;
  const count = (state: SyncProgress['state']) => progress.filter((item) => item.state === state).length;
  const summary = [
    `${count('complete')} complete`,
    count('failed') > 0 && `${count('failed')} failed`,
    count('not_supported') > 0 && `${count('not_supported')} not supported`,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <section className="first-sync" aria-labelledby={headingId}>
      <h3 id={headingId}>First sync</h3>
      {progress.length === 0 ? (
        <p className="progress">
          <span className="spinner" aria-hidden="true" /> Waiting for Codat to start reading the data…
        </p>
      ) : (
        <>
          <div className="sync-summary">
            <span>{finished ? `Finished: ${summary}.` : `${done} of ${progress.length} data types finished`}</span>
            <progress value={done} max={progress.length} aria-label="First sync progress" />
          </div>
          <table className="sync-table" aria-labelledby={headingId}>
            <thead>
              <tr>
                <th scope="col">Data type</th>
                <th scope="col">Codat status</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {progress.map((item) => {
                // A sync's progress reads like the pull status it comes from: the same icon and tone.
                const { tone, Icon } = pullStateLooks[item.state];
                return (
                  <tr key={item.dataType}>
                    <th scope="row">
                      {dataTypeLabel(item.dataType)} <code className="muted">{item.dataType}</code>
                    </th>
                    <td>{item.status}</td>
                    <td>
                      <StateBadge tone={tone} Icon={Icon} state={item.state}>
                        {syncStateWords[item.state]}
                      </StateBadge>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
