import { useAppStore } from '../stores/app-store';

const numberFormat = new Intl.NumberFormat();

export function StatusBar() {
  const info = useAppStore((state) => state.info);
  const infoError = useAppStore((state) => state.infoError);
  const online = useAppStore((state) => state.online);
  const rateLimit = useAppStore((state) => state.rateLimit);
  const profile = info?.activeProfile ?? null;

  return (
    <footer className="status-bar" aria-label="Status">
      <span className="status-item" data-environment={profile?.environment ?? 'none'}>
        <span className="environment-dot" aria-hidden="true" />
        {profile ? (
          <>
            Profile: {profile.name} <span className="environment-label">({environmentLabel[profile.environment]})</span>
          </>
        ) : infoError ? (
          <>Console host not reachable: {infoError.message}</>
        ) : (
          <>Connecting…</>
        )}
      </span>
      <span className="status-item" role="status">
        <span className={online ? 'online-dot' : 'offline-dot'} aria-hidden="true" />
        {online ? 'Online' : 'Offline'}
      </span>
      <span className="status-item">
        {rateLimit?.remaining != null
          ? `${numberFormat.format(rateLimit.remaining)} requests left today`
          : 'Requests left: not known yet'}
      </span>
      {info && (
        <span className="status-item status-trailing">
          {info.host === 'web' ? 'Browser console' : 'Desktop'} · v{info.version}
        </span>
      )}
    </footer>
  );
}

const environmentLabel = { training: 'training', test: 'test', production: 'PRODUCTION' } as const;
