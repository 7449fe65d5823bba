import { CircleCheck, Clock, ShieldOff, Unlink, type LucideIcon } from 'lucide-react';
import type { ConnectionStatus } from '../../shared/codat/schemas';

/** One icon and tone per connection status, used everywhere, so colour is never the only signal. */
export const connectionStatusLooks: Record<
  ConnectionStatus,
  { Icon: LucideIcon; tone: 'linked' | 'pending' | 'neutral' }
> = {
  Linked: { Icon: CircleCheck, tone: 'linked' },
  PendingAuth: { Icon: Clock, tone: 'pending' },
  Unlinked: { Icon: Unlink, tone: 'neutral' },
  Deauthorized: { Icon: ShieldOff, tone: 'neutral' },
};
