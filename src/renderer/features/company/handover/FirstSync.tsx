import { CircleCheck, CircleHelp, CircleMinus, CircleX, LoaderCircle, type LucideIcon } from 'lucide-react';
import { useId } from 'react';
import { isSyncSettled, type SyncProgress } from '@shared/domain/watch';
import { dataTypeLabel } from '../company-format';

export const syncStateWords: Record<SyncProgress['state'], string> = {
  in_progress: 'In progress',
  complete: 'Complete',
  failed: 'Failed',
  not_supported: 'Not supported',
  unknown: 'Status not known to Linkdesk',
};

const stateLooks: Record<SyncProgress['state'], { tone: string; Icon: LucideIcon }> = {
  in_progress: { tone: 'pending', Icon: LoaderCircle },
  complete: { tone: 'linked', Icon: CircleCheck },
  failed: { tone: 'error', Icon: CircleX },
  not_supported: { tone: 'neutral', Icon: CircleMinus },
  unknown: { tone: 'neutral', Icon: CircleHelp },
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
                const { tone, Icon } = stateLooks[item.state];
                return (
                  <tr key={item.dataType}>
                    <th scope="row">
                      {dataTypeLabel(item.dataType)} <code className="muted">{item.dataType}</code>
                    </th>
                    <td>{item.status}</td>
                    <td>
                      <span className="sync-state" data-tone={tone} data-state={item.state}>
                        <Icon aria-hidden="true" size={14} strokeWidth={2.2} />
                        {syncStateWords[item.state]}
                      </span>
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
