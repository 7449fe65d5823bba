import { describe, expect, it } from 'vitest';
import { followUpSettingsSchema } from '@shared/contract';
import { followUpNotice } from '@shared/domain/followup-notices';
import { defaultFollowUpNotify } from '@shared/settings-defaults';
import type { HandOverEvent, HandOverEventKind } from '@shared/domain/handovers';

let serial = 0;
const event = (
  kind: HandOverEventKind,
  companyName = 'Acme Ltd',
  overrides: Partial<HandOverEvent> = {},
): HandOverEvent => {
  serial += 1;
  return {
    kind,
    handOverId: `h${serial}`,
    companyId: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    companyName,
    connectionId: `10000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    platformName: 'Xero',
    ...overrides,
  };
};
const all = defaultFollowUpNotify;

describe('follow-up notifications', () => {
  it('says what happened to one hand-over, and opens its company', () => {
    const linked = event('linked');
    expect(followUpNotice([linked], all)).toMatchObject({
      title: 'Acme Ltd linked Xero',
      target: { companyId: linked.companyId },
    });
    expect(followUpNotice([event('first_sync_finished')], all)?.title).toBe('Acme Ltd’s first sync finished');
    expect(followUpNotice([event('expiring_soon')], all)?.title).toBe(
      'The link for Acme Ltd expires in 2 hours and has not been used',
    );
    expect(followUpNotice([event('expired')], all)?.title).toBe(
      'The link for Acme Ltd expired unused: send a fresh link',
    );
  });

  it('gives Codat’s words for a failed first sync, bounded', () => {
    const notice = followUpNotice(
      [event('first_sync_failed', 'Acme Ltd', { detail: `Invoices: ${'x'.repeat(5000)}` })],
      all,
    );
    expect(notice?.title).toBe('Acme Ltd’s first sync failed');
    expect(notice?.body).toMatch(/^Codat says: Invoices: x+…$/);
    expect(notice!.body.length).toBeLessThanOrEqual(300);
  });

  it('keeps a hostile company name to one short line', () => {
    const notice = followUpNotice([event('linked', `Evil\nCorp\u0007 ${'y'.repeat(500)}`)], all);
    expect(notice?.title).not.toMatch(/[\n\u0007]/);
    expect(notice?.title.startsWith('Evil Corp yyy')).toBe(true);
    expect(notice!.title.length).toBeLessThanOrEqual(80);
  });

  it('groups the events of one check into one notification that opens the Follow-ups page', () => {
    const notice = followUpNotice(
      [event('linked', 'Acme'), event('expired', 'Beta'), event('first_sync_failed', 'Gamma')],
      all,
    );
    expect(notice).toMatchObject({
      title: '3 follow-ups',
      body: 'Acme linked Xero; Beta’s link expired unused; Gamma’s first sync failed',
      target: { page: 'followups' },
    });
  });

  it('bounds a large group, saying how many more there are', () => {
    const events = Array.from({ length: 40 }, (_, n) => event('expired', `Customer number ${n + 1} Limited`));
    const notice = followUpNotice(events, all)!;
    expect(notice.title).toBe('40 follow-ups');
    expect(notice.body.length).toBeLessThanOrEqual(300);
    const shown = notice.body.split('; ').filter((part) => part.endsWith('expired unused')).length;
    expect(notice.body).toMatch(new RegExp(`; … and ${40 - shown} more$`));
  });

  it('opens the company when a group is all about one company', () => {
    const linked = event('linked');
    const notice = followUpNotice([linked, { ...event('first_sync_finished'), companyId: linked.companyId }], all);
    expect(notice).toMatchObject({ title: '2 follow-ups', target: { companyId: linked.companyId } });
  });

  it('leaves out the kinds turned off, and says nothing when nothing is left', () => {
    const events = [event('linked', 'Acme'), event('expiring_soon', 'Beta'), event('first_sync_failed', 'Gamma')];
    expect(followUpNotice(events, { ...all, expiringSoon: false, firstSync: false })?.title).toBe('Acme linked Xero');
    expect(followUpNotice(events, { linked: false, firstSync: false, expiringSoon: false, expired: true })).toBeNull();
    expect(followUpNotice([], all)).toBeNull();
  });

  it('reads settings saved before there was a choice as all kinds on', () => {
    expect(followUpSettingsSchema.parse({ checkEveryMinutes: 5 })).toEqual({ checkEveryMinutes: 5, notify: all });
    expect(followUpSettingsSchema.parse({ checkEveryMinutes: 5, notify: { expired: false } }).notify).toEqual({
      ...all,
      expired: false,
    });
    expect(() => followUpSettingsSchema.parse({ checkEveryMinutes: 5, notify: { linked: 'yes' } })).toThrow();
  });
});
