import { describe, expect, it } from 'vitest';
import { computeFunnel, funnelWeeks, type FunnelFigures } from '@shared/domain/funnel';
import type { HandOver } from '@shared/domain/handovers';
import { aHandOver } from '@support/hand-overs';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;
/** A Wednesday: the week in progress started on Monday 2026-06-15. */
const now = Date.parse('2026-06-17T12:00:00.000Z');
const thisMonday = Date.parse('2026-06-15T00:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

const handOver = aHandOver;

const linked = (at: number, after: number, overrides: Partial<HandOver> = {}) =>
  handOver(at, { state: 'linked', linkedAt: iso(at + after), ...overrides });
const synced = (at: number, toLink: number, toSync: number, overrides: Partial<HandOver> = {}) =>
  handOver(at, { state: 'synced', linkedAt: iso(at + toLink), endedAt: iso(at + toSync), ...overrides });

/** A fresh link for the same connection as `old`, handed over `after` it; `old` becomes superseded. */
function fresh(old: HandOver, after: number, make: (at: number, connection: HandOver['connection']) => HandOver) {
  const next = make(Date.parse(old.at) + after, old.connection);
  const superseded: HandOver = { ...old, state: 'superseded', supersededBy: next.id, endedAt: next.at };
  return [superseded, next];
}

const figures = (overrides: Partial<FunnelFigures>): FunnelFigures => ({
  handedOver: 0,
  linked: 0,
  synced: 0,
  linkedRate: null,
  syncedRate: null,
  medianToLinkMs: null,
  medianToSyncMs: null,
  ...overrides,
});

const utc = { now, timeZone: 'UTC' };

describe('the weeks of the funnel', () => {
  it('are the last 12 ISO weeks, Monday to Monday, the latest ending now', () => {
    const weeks = funnelWeeks(utc);
    expect(weeks).toHaveLength(12);
    expect(weeks[0]).toEqual({
      startDate: '2026-03-30',
      start: Date.parse('2026-03-30T00:00:00Z'),
      end: Date.parse('2026-04-06T00:00:00Z'),
      current: false,
    });
    expect(weeks[11]).toEqual({ startDate: '2026-06-15', start: thisMonday, end: now, current: true });
    for (let index = 1; index < 12; index += 1) expect(weeks[index]!.start).toBe(weeks[index - 1]!.end);
  });

  it('start at midnight in the time zone given, a clock change included', () => {
    // New Zealand's clocks went back on Sunday 2026-04-05: that week is 169 hours long.
    const weeks = funnelWeeks({ now, timeZone: 'Pacific/Auckland' });
    expect(weeks[0]!.startDate).toBe('2026-03-30');
    expect(iso(weeks[0]!.start)).toBe('2026-03-29T11:00:00.000Z');
    expect(iso(weeks[1]!.start)).toBe('2026-04-05T12:00:00.000Z');
    expect(weeks[0]!.end - weeks[0]!.start).toBe(169 * hour);
    expect(weeks[11]!.startDate).toBe('2026-06-15');
  });

  it('on a Monday just after midnight, the week in progress is a few minutes old', () => {
    const mondayMorning = Date.parse('2026-06-14T23:05:00Z'); // 00:05 in London (summer time)
    const weeks = funnelWeeks({ now: mondayMorning, timeZone: 'Europe/London' });
    expect(weeks[11]).toMatchObject({ startDate: '2026-06-15', start: Date.parse('2026-06-14T23:00:00Z') });
    expect(funnelWeeks({ now: mondayMorning, timeZone: 'UTC' })[11]!.startDate).toBe('2026-06-08');
  });

  it('refuse a time zone that does not exist', () => {
    expect(() => funnelWeeks({ now, timeZone: 'Mars/Olympus_Mons' })).toThrow(RangeError);
  });
});

describe('which week a hand-over counts in', () => {
  it.each([
    ['UTC', '2026-06-15T00:00:00Z', '2026-06-15'],
    ['UTC', '2026-06-14T23:59:59Z', '2026-06-08'],
    ['Europe/London', '2026-06-14T23:30:00Z', '2026-06-15'], // Monday 00:30 in London
    ['America/New_York', '2026-06-15T03:00:00Z', '2026-06-08'], // Sunday 23:00 in New York
    ['UTC', '2026-03-30T00:00:00Z', '2026-03-30'],
  ])('in %s, a hand-over at %s counts in the week of %s', (timeZone, at, week) => {
    const funnel = computeFunnel([handOver(Date.parse(at))], { now, timeZone });
    expect(funnel.weeks.filter((candidate) => candidate.handedOver === 1).map((w) => w.startDate)).toEqual([week]);
  });

  it.each([
    ['before the first week', '2026-03-29T23:59:59Z'],
    ['after now (a clock ahead)', '2026-06-17T12:00:01Z'],
    ['with an unreadable time', 'yesterday'],
  ])('a hand-over %s is left out', (_, at) => {
    const outside = { ...handOver(0), at };
    expect(computeFunnel([outside], utc).total.handedOver).toBe(0);
  });
});

describe('the funnel of one week', () => {
  const at = thisMonday + hour;
  it.each<[string, () => HandOver[], Partial<FunnelFigures>]>([
    ['nothing handed over', () => [], {}],
    ['a link still awaiting the customer', () => [handOver(at)], { handedOver: 1, linkedRate: 0, syncedRate: 0 }],
    [
      'a link expired unused',
      () => [handOver(at, { state: 'expired', endedAt: iso(at + day) })],
      { handedOver: 1, linkedRate: 0, syncedRate: 0 },
    ],
    [
      'linked, first sync still running',
      () => [linked(at, 3 * hour + 20 * minute)],
      { handedOver: 1, linked: 1, linkedRate: 1, syncedRate: 0, medianToLinkMs: 3 * hour + 20 * minute },
    ],
    [
      'linked, then first sync complete',
      () => [synced(at, 2 * hour, 5 * hour)],
      {
        handedOver: 1,
        linked: 1,
        synced: 1,
        linkedRate: 1,
        syncedRate: 1,
        medianToLinkMs: 2 * hour,
        medianToSyncMs: 5 * hour,
      },
    ],
    [
      'linked, then first sync failed: linked, not synced',
      () => [handOver(at, { state: 'sync_failed', linkedAt: iso(at + hour), endedAt: iso(at + 2 * hour) })],
      { handedOver: 1, linked: 1, linkedRate: 1, syncedRate: 0, medianToLinkMs: hour },
    ],
    [
      'linked, then deleted: it was linked all the same',
      () => [handOver(at, { state: 'gone', linkedAt: iso(at + hour), endedAt: iso(at + 2 * hour) })],
      { handedOver: 1, linked: 1, linkedRate: 1, syncedRate: 0, medianToLinkMs: hour },
    ],
    [
      'expired, then a fresh link that was linked: one customer, who took 2 days and 3 hours from the first link',
      () => fresh(handOver(at), 2 * day, (next, connection) => linked(next, 3 * hour, { connection })),
      { handedOver: 1, linked: 1, linkedRate: 1, syncedRate: 0, medianToLinkMs: 2 * day + 3 * hour },
    ],
    [
      'superseded twice, then synced: still one customer',
      () => {
        const [first, second] = fresh(handOver(at), hour, (next, connection) => handOver(next, { connection }));
        const [secondSuperseded, third] = fresh(second!, hour, (next, connection) =>
          synced(next, hour, 2 * hour, { connection }),
        );
        return [third!, first!, secondSuperseded!]; // in any order
      },
      {
        handedOver: 1,
        linked: 1,
        synced: 1,
        linkedRate: 1,
        syncedRate: 1,
        medianToLinkMs: 3 * hour,
        medianToSyncMs: 4 * hour,
      },
    ],
    [
      'superseded by a fresh link no longer on record (cleared): left out',
      () => [handOver(at, { state: 'superseded', supersededBy: 'cleared', endedAt: iso(at + hour) })],
      {},
    ],
    [
      'the median of an even count is the mean of the middle two',
      () => [linked(at, hour), linked(at, 2 * hour), linked(at, 4 * hour), linked(at, 10 * hour), handOver(at)],
      { handedOver: 5, linked: 4, linkedRate: 0.8, syncedRate: 0, medianToLinkMs: 3 * hour },
    ],
    [
      'linked without a readable time: counted, left out of the median',
      () => [handOver(at, { state: 'linked', linkedAt: 'soon' }), linked(at, hour)],
      { handedOver: 2, linked: 2, linkedRate: 1, syncedRate: 0, medianToLinkMs: hour },
    ],
  ])('%s', (_, make, expected) => {
    const funnel = computeFunnel(make(), utc);
    expect(funnel.weeks[11]).toMatchObject(figures(expected));
    expect(funnel.total).toEqual(figures(expected));
  });
});

describe('the funnel by platform and by person', () => {
  it('counts each case under its first hand-over’s platform and person, most hand-overs first', () => {
    const week = (n: number) => thisMonday - n * 7 * day + hour;
    const sage = { id: 'k-sage', platformKey: 'tgff', platformName: 'Sage' };
    const [expired, freshLink] = fresh(handOver(week(2), { by: 'bob', connection: sage }), day, (next, connection) =>
      linked(next, hour, { by: 'carol', connection }),
    );
    const funnel = computeFunnel(
      [
        synced(week(0), hour, 2 * hour, { by: 'alice' }),
        handOver(week(1), { by: 'alice' }),
        expired!,
        freshLink!,
        handOver(week(11), { by: 'bob', connection: { ...sage, id: 'k2' } }),
      ],
      utc,
    );
    expect(funnel.byPlatform).toEqual([
      {
        name: 'Sage',
        ...figures({ handedOver: 2, linked: 1, linkedRate: 0.5, syncedRate: 0, medianToLinkMs: day + hour }),
      },
      {
        name: 'Xero',
        ...figures({
          handedOver: 2,
          linked: 1,
          synced: 1,
          linkedRate: 0.5,
          syncedRate: 0.5,
          medianToLinkMs: hour,
          medianToSyncMs: 2 * hour,
        }),
      },
    ]);
    // Bob asked first; Carol's fresh link finished his case.
    expect(funnel.byPerson.map((group) => [group.name, group.handedOver, group.linked])).toEqual([
      ['alice', 2, 1],
      ['bob', 2, 1],
    ]);
    expect(funnel.weeks.map((w) => w.handedOver)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1]);
  });
});

describe('5 000 hand-overs', () => {
  it('are counted right, chains of fresh links included', () => {
    const weeks = funnelWeeks(utc);
    const handOvers: HandOver[] = [];
    // 2 500 pairs. In an even week a pair is one customer: a link, then a fresh one a day later that synced. In an
    // odd week, two customers: one never linked, one linked in 30 minutes.
    for (let pair = 0; pair < 2500; pair += 1) {
      const at = weeks[pair % 12]!.start + hour + (pair % 7) * minute;
      const by = `person ${pair % 3}`;
      if (pair % 2 === 0) {
        handOvers.push(
          ...fresh(handOver(at, { by }), day, (next, connection) => synced(next, hour, 2 * hour, { by, connection })),
        );
      } else {
        handOvers.push(handOver(at, { by }), linked(at, 30 * minute, { by }));
      }
    }
    handOvers.reverse();
    expect(handOvers).toHaveLength(5000);

    const funnel = computeFunnel(handOvers, utc);
    // Weeks 0 to 3 have 209 pairs, the others 208.
    const pairs = (week: number) => (week < 4 ? 209 : 208);
    expect(funnel.weeks.map((week) => [week.handedOver, week.linked, week.synced])).toEqual(
      weeks.map((_, week) =>
        week % 2 === 0 ? [pairs(week), pairs(week), pairs(week)] : [2 * pairs(week), pairs(week), 0],
      ),
    );
    expect(funnel.weeks[0]).toMatchObject({ medianToLinkMs: day + hour, medianToSyncMs: day + 2 * hour });
    expect(funnel.weeks[1]).toMatchObject({ medianToLinkMs: 30 * minute, medianToSyncMs: null, linkedRate: 0.5 });
    expect(funnel.total).toEqual(
      figures({
        handedOver: 3750,
        linked: 2500,
        synced: 1250,
        linkedRate: 2500 / 3750,
        syncedRate: 1250 / 3750,
        medianToLinkMs: (30 * minute + day + hour) / 2,
        medianToSyncMs: day + 2 * hour,
      }),
    );
    expect(funnel.byPerson.map((group) => group.name)).toEqual(['person 0', 'person 1', 'person 2']);
    expect(funnel.byPerson.reduce((sum, group) => sum + group.handedOver, 0)).toBe(3750);
    expect(funnel.byPlatform).toEqual([{ name: 'Xero', ...funnel.total }]);
  });
});
