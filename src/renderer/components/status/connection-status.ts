import { CircleCheck, CircleHelp, Clock, ShieldOff, Unlink, type LucideIcon } from 'lucide-react';
import { isKnownConnectionStatus, type ConnectionStatus, type Extensible } from '@shared/codat/schemas';
import { statusExplanation, statusWords } from '@shared/domain/connections';

type StatusLook = { Icon: LucideIcon; tone: 'linked' | 'pending' | 'neutral' };

/** One icon and tone per connection status, used everywhere, so colour is never the only signal. */
export const connectionStatusLooks: Record<ConnectionStatus, StatusLook> = {
  Linked: { Icon: CircleCheck, tone: 'linked' },
  PendingAuth: { Icon: Clock, tone: 'pending' },
  Unlinked: { Icon: Unlink, tone: 'neutral' },
  Deauthorized: { Icon: ShieldOff, tone: 'neutral' },
};

/** A status Codat added after this version of Linkdesk: neutral, with a question mark, never a crash. */
const unknownLook: StatusLook = { Icon: CircleHelp, tone: 'neutral' };

export function connectionStatusLook(status: Extensible<ConnectionStatus>): StatusLook {
  return isKnownConnectionStatus(status) ? connectionStatusLooks[status] : unknownLook;
}

/** The status as a chip says it: Codat's word, or "Unknown status: <Codat's word>". */
export function connectionStatusLabel(status: Extensible<ConnectionStatus>): string {
  return isKnownConnectionStatus(status) ? statusWords[status] : `Unknown status: ${status}`;
}

export { statusExplanation as connectionStatusExplanation };
