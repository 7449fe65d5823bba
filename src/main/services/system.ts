import { BridgeFailure } from '../../shared/result';
import type { ExternalOpener } from '../ports';
import type { ExternalLinkPolicy } from '../security/external-links';

export function createSystemService(policy: ExternalLinkPolicy, opener: ExternalOpener) {
  return {
    async openExternal(url: string): Promise<{ opened: true }> {
      const verdict = policy.check(url);
      if (!verdict.allowed) {
        throw new BridgeFailure({ code: 'forbidden', message: `Not opened: ${verdict.reason}` });
      }
      await opener.open(verdict.url);
      return { opened: true };
    },
  };
}
