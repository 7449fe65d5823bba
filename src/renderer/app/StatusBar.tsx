import { useAppStore } from '../stores/app-store';
import { followUpWatchNotice, useFollowUpWatch } from './useFollowUpWatch';

const numberFormat = new Intl.NumberFormat();

export function StatusBar() {
  const info = useAppStore((state) => state.info);
  const infoError = useAppStore((state) => state.infoError);
  const online = useAppStore((state) => state.online);
  const rateLimit = useAppStore((state) => state.rateLimit);
  const profile = info?.activeProfile ?? null;
  const navigate = useAppStore((state) => state.navigate);
  const audit = info?.audit;
  const followUpWatch = useFollowUpWatch();
  const followUpNotice = followUpWatchNotice(followUpWatch);

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
      {audit && audit.pending > 0 && (
        // In the status bar, not above the page: the warning must not push what the user is about to click.
        <button
          type="button"
          className="status-item status-alert"
          title={audit.problem ?? undefined}
          onClick={() => navigate('audit')}
        >
          <span className="offline-dot" aria-hidden="true" />
          Audit trail not written: {audit.pending} {audit.pending === 1 ? 'record' : 'records'} waiting
        </button>
      )}
      {followUpNotice && (
        <span className="status-item status-followups" title={followUpWatch?.problem ?? undefined}>
          <span className="offline-dot" aria-hidden="true" />
          {followUpNotice}
        </span>
      )}
      {info && (
        <span className="status-item status-trailing">
          {info.host === 'web' ? 'Browser console' : 'Desktop'} · v{info.version}
        </span>
      )}
    </footer>
  );
}

const environmentLabel = { training: 'training', test: 'test', production: 'PRODUCTION' } as const;
