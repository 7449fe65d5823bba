/**
 * Groupings of Codat statuses (docs/codat-api.md §12). Prefer a pull's own isErrored/isCompleted flags where present.
 * A status Linkdesk does not know is none of these: callers say so rather than guess (see isKnownPullStatus).
 */
import type { PullStatus } from './schemas';

export const pullStatusesInProgress: ReadonlySet<string> = new Set<PullStatus>([
  'Initial',
  'Queued',
  'Fetching',
  'MapQueued',
  'Mapping',
  'ProcessingQueued',
  'Processing',
  'ValidationQueued',
  'Validating',
]);

/** Ends that are not failures: success, a type the platform does not offer, or a cancelled pull. */
export const pullStatusesBenign: ReadonlySet<string> = new Set<PullStatus>(['Complete', 'NotSupported', 'Cancelled']);

/** The known failures: every known status that is neither in progress nor benign. */
export const pullStatusesErrored: ReadonlySet<string> = new Set<PullStatus>([
  'FetchError',
  'MapError',
  'InternalError',
  'ProcessingError',
  'ValidationError',
  'AuthError',
  'RateLimitError',
  'PermissionsError',
  'PrerequisiteNotMet',
]);

export function isPullInProgress(status: string): boolean {
  return pullStatusesInProgress.has(status);
}

/** A known failure status; false for a status Linkdesk does not know. */
export function isPullErrored(status: string): boolean {
  return pullStatusesErrored.has(status);
}
