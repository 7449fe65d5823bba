/** How the Follow-ups page says who handed a link over, and how (a fresh link from Health's bulk flow included). */
import { describe, expect, it } from 'vitest';
import { handedOverWords } from '@renderer/features/followups/followup-format';

describe('handedOverWords', () => {
  it('says a fresh link created in bulk as such, not as a vague hand-over', () => {
    expect(handedOverWords({ how: 'fresh_link', by: 'sam', recipient: null })).toBe('Fresh link created by sam');
  });
  it('names the invite’s recipient when there is one', () => {
    expect(handedOverWords({ how: 'invite', by: 'sam', recipient: 'ann@bakery.test' })).toBe(
      'Invite to ann@bakery.test by sam',
    );
  });
});
