/** Placeholder handlers for the inbox and the monitor until their services land (the contract came first). */
import { BridgeFailure } from '@shared/result';
import type { AreaHandlers } from './types';

const notYet = (): never => {
  throw new BridgeFailure({ code: 'invalid_input', message: 'The issues inbox is not available in this build yet.' });
};

export function inboxOperations(): AreaHandlers<'inbox'> & AreaHandlers<'monitor'> {
  return {
    'inbox.list': notYet,
    'inbox.acknowledge': notYet,
    'inbox.snooze': notYet,
    'inbox.mute': notYet,
    'inbox.unmute': notYet,
    'monitor.settings': notYet,
    'monitor.saveSettings': notYet,
    'monitor.status': notYet,
    'monitor.checkNow': notYet,
  };
}
