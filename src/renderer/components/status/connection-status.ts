import { Ban, CircleAlert, CircleCheck, CircleHelp, Clock, ShieldOff, Unlink, type LucideIcon } from 'lucide-react';
import { isKnownConnectionStatus, type Connection, type ConnectionStatus } from '@shared/codat/schemas';
import { authorisationProblem, statusExplanation, statusWords } from '@shared/domain/connections';
import type { Tone } from './tone';

type StatusLook = { Icon: LucideIcon; tone: Tone };

/** One icon and tone per connection status, used everywhere, so colour is never the only signal. */
export const connectionStatusLooks: Record<ConnectionStatus, StatusLook> = {
  Linked: { Icon: CircleCheck, tone: 'linked' },
  PendingAuth: { Icon: Clock, tone: 'pending' },
  Unlinked: { Icon: Unlink, tone: 'neutral' },
  Deauthorized: { Icon: ShieldOff, tone: 'neutral' },
};

/** A status Codat added after this version of Linkdesk: neutral, with a question mark, never a crash. */
const unknownLook: StatusLook = { Icon: CircleHelp, tone: 'neutral' };

/** The connection as its chip shows it: what Codat's status and errors mean for the account manager. */
export type ConnectionState = Pick<Connection, 'status' | 'dataConnectionErrors'>;

/**
 * The customer's attempt ended (still PendingAuth, with an error Codat has not resolved): not the amber "waiting"
 * look, which says nothing is wrong yet. Cancelled is neutral (the customer chose to stop); failed is an error.
 */
const problemLooks = {
  cancelled: { Icon: Ban, tone: 'neutral', label: 'Authorisation cancelled' },
  failed: { Icon: CircleAlert, tone: 'error', label: 'Authorisation failed' },
} as const satisfies Record<string, StatusLook & { label: string }>;

export function connectionStatusLook(connection: ConnectionState): StatusLook {
  const problem = authorisationProblem(connection);
  if (problem) return problemLooks[problem.outcome];
  return isKnownConnectionStatus(connection.status) ? connectionStatusLooks[connection.status] : unknownLook;
}

/** The status as a chip says it: Codat's word, how the customer's attempt ended, or "Unknown status: <word>". */
export function connectionStatusLabel(connection: ConnectionState): string {
  const problem = authorisationProblem(connection);
  if (problem) return problemLooks[problem.outcome].label;
  return isKnownConnectionStatus(connection.status)
    ? statusWords[connection.status]
    : `Unknown status: ${connection.status}`;
}

/** One line: what the status means, and the next step. */
export function connectionStatusExplanation(connection: ConnectionState): string {
  const problem = authorisationProblem(connection);
  if (!problem) return statusExplanation(connection.status);
  const codatWords = problem.error.errorMessage ?? problem.error.statusText;
  const said = codatWords ? ` (Codat: “${codatWords}”)` : '';
  return problem.outcome === 'cancelled'
    ? `The customer cancelled authorising${said}. Hand over a fresh link and stay on the phone while they authorise.`
    : `Authorising failed${said}. Hand over a fresh link; if it fails again, copy the diagnostic report for Codat support.`;
}
