import { CopyButton } from '@renderer/components/CopyButton';
import { useAppStore } from '@renderer/stores/app-store';
import { useLogsFolder } from './useSettings';

const hostLabel = { electron: 'Desktop app (Electron)', web: 'Browser console (npm run web)' } as const;

/** What main reports about itself: proof the bridge works, and where secrets would be kept. */
export function AboutConsole() {
  const info = useAppStore((state) => state.info);
  const error = useAppStore((state) => state.infoError);
  return (
    <section className="card" aria-labelledby="about-heading">
      <h2 id="about-heading">About this console</h2>
      {error ? (
        <p role="alert">Could not ask the console host about itself: {error.message}</p>
      ) : !info ? (
        <p aria-busy="true">Asking the console host…</p>
      ) : (
        <dl className="facts">
          <dt>Version</dt>
          <dd>{info.version}</dd>
          <dt>Running as</dt>
          <dd>{hostLabel[info.host]}</dd>
          <dt>Operating system</dt>
          <dd>{info.platform}</dd>
          <dt>API key protection</dt>
          <dd>
            {info.secretStorage.osKeychain
              ? 'OS keychain'
              : info.secretStorage.level === 'weak'
                ? 'Weak'
                : 'This session only'}
            <span className="fact-note">{info.secretStorage.explanation}</span>
          </dd>
        </dl>
      )}
      <SupportLog />
    </section>
  );
}

/** Where the support log is, for a support person who asks for it. */
function SupportLog() {
  const { answer, failure, open } = useLogsFolder();
  return (
    <div className="support-log">
      <p className="field-hint">
        Linkdesk keeps a log for support: start-up, profile switches, Codat’s errors with their correlation IDs, retries
        and rate limits, cache and audit problems. Keys are never written to it.
      </p>
      <button type="button" className="button" onClick={open}>
        Open logs folder
      </button>
      <p role="status" className="support-log-status">
        {failure
          ? `The logs folder could not be opened: ${failure}`
          : !answer
            ? ''
            : !answer.directory
              ? 'This console keeps no log file.'
              : answer.opened
                ? `Opened ${answer.directory} in your file manager.`
                : `A browser cannot open folders on this computer. The logs are in ${answer.directory}`}
        {answer?.directory && !answer.opened && <CopyButton text={answer.directory} label="Copy folder path" />}
      </p>
    </div>
  );
}
