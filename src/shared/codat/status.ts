/** Groupings of Codat statuses (API-NOTES §12). Prefer a pull's own isErrored/isCompleted flags where present. */
import type { PullStatus } from './schemas';

export const pullStatusesInProgress: ReadonlySet<PullStatus> = new Set<PullStatus>([
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
export const pullStatusesBenign: ReadonlySet<PullStatus> = new Set<PullStatus>([
  'Complete',
  'NotSupported',
  'Cancelled',
]);

export function isPullInProgress(status: PullStatus): boolean {
  return pullStatusesInProgress.has(status);
}

export function isPullErrored(status: PullStatus): boolean {
  return !pullStatusesInProgress.has(status) && !pullStatusesBenign.has(status);
}
