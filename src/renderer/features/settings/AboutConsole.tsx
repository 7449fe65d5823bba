import { useAppStore } from '../../stores/app-store';

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
    </section>
  );
}
