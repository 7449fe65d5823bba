/** Codat's pull (sync) statuses as Linkdesk shows them: the state each means, its word, icon and explanation. */
import {
  Ban,
  Circle,
  CircleCheck,
  CircleHelp,
  CircleMinus,
  CircleX,
  LoaderCircle,
  type LucideIcon,
} from 'lucide-react';
import { isKnownPullStatus, type Extensible, type PullStatus } from '@shared/codat/schemas';
import { isPullErrored, isPullInProgress } from '@shared/codat/status';
import type { Tone } from './tone';

/** `unknown`: a status Codat added after this version of Linkdesk, shown as Codat sent it. */
export type PullState = 'in_progress' | 'complete' | 'failed' | 'not_supported' | 'cancelled' | 'never' | 'unknown';

export function pullState(status: Extensible<PullStatus> | undefined): PullState {
  if (!status) return 'never';
  if (!isKnownPullStatus(status)) return 'unknown';
  if (status === 'Complete') return 'complete';
  if (status === 'NotSupported') return 'not_supported';
  if (status === 'Cancelled') return 'cancelled';
  if (isPullInProgress(status)) return 'in_progress';
  return isPullErrored(status) ? 'failed' : 'never';
}

/** The status as a badge says it: Codat's word, or "Unknown status: <Codat's word>". */
export function pullStatusLabel(status: Extensible<PullStatus>): string {
  return isKnownPullStatus(status) ? status : `Unknown status: ${status}`;
}

/** The one-sentence explanation of a pull status, also for one Linkdesk does not know. */
export function pullStatusExplanation(status: Extensible<PullStatus>): string {
  return isKnownPullStatus(status)
    ? pullStatusExplanations[status]
    : `Codat reports “${status}”, a pull status Linkdesk does not know yet, so it cannot tell whether this sync worked. Check it in Codat’s Portal.`;
}

export const pullStateLooks: Record<PullState, { tone: Tone; Icon: LucideIcon }> = {
  in_progress: { tone: 'pending', Icon: LoaderCircle },
  complete: { tone: 'linked', Icon: CircleCheck },
  failed: { tone: 'error', Icon: CircleX },
  not_supported: { tone: 'neutral', Icon: CircleMinus },
  cancelled: { tone: 'neutral', Icon: Ban },
  never: { tone: 'neutral', Icon: Circle },
  unknown: { tone: 'neutral', Icon: CircleHelp },
};

/** One plain sentence per Codat pull status, shown on hover and in the pull dialog. */
export const pullStatusExplanations: Record<PullStatus, string> = {
  Initial: 'Created, not started yet (it may be paused: see the status description).',
  Queued: 'Waiting to start. Desktop platforms stay here until the connector on the customer’s computer runs.',
  Fetching: 'Codat is reading the data from the platform.',
  MapQueued: 'Read; waiting to be mapped to Codat’s data model.',
  Mapping: 'Codat is mapping the data to its model.',
  ProcessingQueued: 'Mapped; waiting to be stored.',
  Processing: 'Codat is storing the data in its cache.',
  ValidationQueued: 'Stored; waiting to be validated.',
  Validating: 'Codat is validating the records.',
  Complete: 'Finished: the data is up to date as of its completion.',
  FetchError: 'The platform failed while Codat read the data (often maintenance). Refresh later.',
  MapError: 'Codat could not map a record. Contact Codat quoting the dataset ID.',
  InternalError: 'An internal error at Codat. Contact Codat quoting the dataset ID.',
  ProcessingError: 'Codat could not store the data. Contact Codat quoting the dataset ID.',
  ValidationError: 'Some records failed Codat’s validation: see the validation results.',
  AuthError: 'Access to the platform has lapsed: the customer must re-link.',
  Cancelled: 'The sync was cancelled before it finished.',
  NotSupported: 'The platform does not offer this data type. Nothing to fix.',
  RateLimitError: 'The platform rate limited Codat; Codat retries later.',
  PermissionsError: 'The user who linked lacks permission for this data: re-link as an administrator.',
  PrerequisiteNotMet: 'A data type this one depends on has not synced yet: refresh all data.',
};
