import { useNow } from '@renderer/hooks/useNow';
import { useFollowUpsFeed, useFollowUpsStore } from './followups-store';
import { needsActionCount } from './groups';

/**
 * The navigation's count of hand-overs that need action. The number is drawn for the eye only: the link keeps its
 * name ("Follow-ups") and says the count as its description.
 */
export function FollowUpsCount({ descriptionId }: { descriptionId: string }) {
  useFollowUpsFeed();
  // A link reaching its last two hours, or its end, changes the count without any word from main.
  const now = useNow(30_000);
  const handOvers = useFollowUpsStore((state) => state.list?.handOvers);
  const count = handOvers ? needsActionCount(handOvers, now) : 0;
  return (
    <>
      {count > 0 && (
        <small className="nav-count" aria-hidden="true">
          {count > 99 ? '99+' : count}
        </small>
      )}
      <span id={descriptionId} hidden>
        {count > 0 ? `${count} need${count === 1 ? 's' : ''} action` : ''}
      </span>
    </>
  );
}
