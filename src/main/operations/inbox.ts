/** The issues inbox: triage on the active profile's inbox. */
import type { InboxService } from '../services/inbox';
import type { AreaHandlers } from './types';

export function inboxOperations(inbox: InboxService): AreaHandlers<'inbox'> {
  return {
    'inbox.list': () => inbox.list(),
    'inbox.acknowledge': ({ keys }) => inbox.acknowledge(keys),
    'inbox.snooze': ({ keys, until }) => inbox.snooze(keys, until),
    'inbox.mute': ({ keys }) => inbox.mute(keys),
    'inbox.unmute': ({ keys }) => inbox.unmute(keys),
  };
}
