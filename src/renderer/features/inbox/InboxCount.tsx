import { useInboxCountFeed, useInboxStore } from './inbox-store';

/**
 * The navigation's count of New issues. The number is drawn for the eye only: the link keeps its name ("Inbox")
 * and says the count as its description.
 */
export function InboxCount({ descriptionId }: { descriptionId: string }) {
  useInboxCountFeed();
  const count = useInboxStore((state) => state.newCount);
  return (
    <>
      {count > 0 && (
        <small className="nav-count" aria-hidden="true">
          {count > 99 ? '99+' : count}
        </small>
      )}
      <span id={descriptionId} hidden>
        {count > 0 ? `${count} new issue${count === 1 ? '' : 's'}` : ''}
      </span>
    </>
  );
}
