import type { FollowUpService } from '../services/followups';
import type { AreaHandlers } from './types';

export function followUpOperations(followUps: FollowUpService): AreaHandlers<'followups'> {
  return {
    'followups.record': ({ companyId, connectionId, how }) => followUps.record(companyId, connectionId, how),
    'followups.list': () => followUps.list(),
  };
}
