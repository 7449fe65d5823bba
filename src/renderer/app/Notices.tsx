import { useAppStore } from '../stores/app-store';

const none: readonly string[] = [];

/** Things main says the user must know (a settings file moved aside), shown until dismissed. */
export function Notices() {
  const notices = useAppStore((state) => state.info?.notices ?? none);
  const dismissed = useAppStore((state) => state.dismissedNotices);
  const dismiss = useAppStore((state) => state.dismissNotice);
  const visible = notices.filter((notice) => !dismissed.includes(notice));
  if (visible.length === 0) return null;
  return (
    <div className="notices">
      {visible.map((notice) => (
        <div key={notice} className="notice" role="alert">
          <p>{notice}</p>
          <button type="button" className="button button-quiet" onClick={() => dismiss(notice)}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
