import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { HandOver } from '@shared/domain/handovers';
import { downloadCsv } from '@renderer/lib/download';
import LinkCompletion from '@renderer/features/followups/completion/LinkCompletion';
import { aHandOver } from '@support/hand-overs';

vi.mock('@renderer/lib/download', () => ({ downloadCsv: vi.fn() }));

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;
/** Wednesday 17 June 2026: the week in progress started on Monday 15 June. */
const now = Date.parse('2026-06-17T12:00:00.000Z');
const thisMonday = Date.parse('2026-06-15T00:00:00.000Z');
const weeksAgo = (weeks: number) => thisMonday - weeks * 7 * day + 9 * hour;
const iso = (ms: number) => new Date(ms).toISOString();

const handOver = aHandOver;
const sage = { id: 'k-sage', platformKey: 'tgff', platformName: 'Sage "Accounting"' };

/**
 * This week: three links, one synced (linked after 3 h 20 min, synced after 5 h), one linked after 1 h, one still
 * awaiting. Two weeks ago: Bob's Sage link expired, and his fresh link two days later was linked an hour after.
 */
function sample(): HandOver[] {
  const expired = handOver(weeksAgo(2), { by: 'bob', connection: sage });
  const freshLink = handOver(weeksAgo(2) + 2 * day, {
    by: 'bob',
    connection: sage,
    state: 'linked',
    linkedAt: iso(weeksAgo(2) + 2 * day + hour),
  });
  return [
    handOver(weeksAgo(0), {
      state: 'synced',
      linkedAt: iso(weeksAgo(0) + 3 * hour + 20 * minute),
      endedAt: iso(weeksAgo(0) + 5 * hour),
    }),
    handOver(weeksAgo(0) + hour, { state: 'linked', linkedAt: iso(weeksAgo(0) + 2 * hour), by: '=cmd|calc' }),
    handOver(weeksAgo(0) + 2 * hour),
    { ...expired, state: 'superseded', supersededBy: freshLink.id, endedAt: freshLink.at },
    freshLink,
  ];
}

/** The table's body rows, each as its cells' text. */
function tableRows(): string[][] {
  const table = screen.getByRole('table');
  const body = within(table).getAllByRole('rowgroup')[1]!;
  return within(body)
    .getAllByRole('row')
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? ''));
}

function show(handOvers: HandOver[]) {
  return render(<LinkCompletion handOvers={handOvers} now={now} timeZone="UTC" />);
}

describe('Link completion', () => {
  it('is a region named "Link completion" with the week-by-week numbers as a table', () => {
    show(sample());
    const region = screen.getByRole('region', { name: 'Link completion' });
    const table = within(region).getByRole('table', { name: 'Link completion by week, last 12 weeks' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((header) => header.textContent),
    ).toEqual([
      'Week starting',
      'Handed over',
      'Linked',
      'Linked rate',
      'First sync complete',
      'First sync rate',
      'Median time to link',
      'Median time to first sync',
    ]);
    const rows = tableRows();
    expect(rows).toHaveLength(12);
    expect(rows[0]![0]).toBe('Mar 30');
    // The expired link and its fresh one are one customer, who took 2 days and 1 hour.
    expect(rows[9]).toEqual(['Jun 1', '1', '1', '100%', '0', '0%', '2 days 1 hr', '–']);
    expect(rows[10]).toEqual(['Jun 8', '0', '0', '–', '0', '–', '–', '–']);
    expect(rows[11]).toEqual(['Jun 15 (so far)', '3', '2', '67%', '1', '33%', '2 hr 10 min', '5 hr']);
    const total = within(table).getByRole('row', { name: /^All 12 weeks/ });
    expect(
      within(total)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['4', '3', '75%', '1', '25%', '3 hr 20 min', '5 hr']);
    expect(within(region).getByText('Median time to link: 3 hr 20 min')).toBeTruthy();
    expect(within(region).getByText('Median time to first sync: 5 hr')).toBeTruthy();
  });

  it('draws the same numbers as bars: three per week, in a named image that points to the table', () => {
    const { container } = show(sample());
    const chart = screen.getByRole('img', { name: /^Bar chart of links handed over, linked and with first sync/ });
    expect(chart.getAttribute('aria-labelledby')).toBeTruthy();
    expect(container.querySelectorAll('rect.completion-bar')).toHaveLength(36);
    const titles = [...container.querySelectorAll('rect.completion-bar > title')].map((title) => title.textContent);
    expect(titles.slice(-3)).toEqual(['Jun 15: 3 handed over', 'Jun 15: 2 linked', 'Jun 15: 1 first sync complete']);
  });

  it('switches the breakdown to platform and to person', async () => {
    const user = userEvent.setup();
    show(sample());
    expect(screen.getByRole('radio', { name: 'All' })).toHaveProperty('checked', true);

    await user.click(screen.getByRole('radio', { name: 'Platform' }));
    expect(screen.getByRole('table', { name: 'Link completion by platform, last 12 weeks' })).toBeTruthy();
    expect(tableRows()).toEqual([
      ['Xero', '3', '2', '67%', '1', '33%', '2 hr 10 min', '5 hr'],
      ['Sage "Accounting"', '1', '1', '100%', '0', '0%', '2 days 1 hr', '–'],
    ]);
    expect(screen.getByRole('img').querySelectorAll('rect.completion-bar')).toHaveLength(6);

    await user.click(screen.getByRole('radio', { name: 'Person' }));
    expect(screen.getByRole('columnheader', { name: 'Person' })).toBeTruthy();
    expect(tableRows().map((row) => row.slice(0, 3))).toEqual([
      ['alice', '2', '1'],
      ['=cmd|calc', '1', '1'],
      ['bob', '1', '1'],
    ]);
  });

  it('exports the rows shown as CSV, formulas neutralised', async () => {
    const user = userEvent.setup();
    show(sample());
    await user.click(screen.getByRole('button', { name: 'Export completion CSV' }));
    const [weekly, weeklyName] = vi.mocked(downloadCsv).mock.calls.at(-1)!;
    expect(weeklyName).toBe('linkdesk-link-completion-by-week-2026-06-17.csv');
    const lines = weekly.split('\r\n');
    expect(lines[0]).toBe(
      '"Week starting (Monday, UTC)","Handed over","Linked","Linked (% of handed over)","First sync complete","First sync complete (% of handed over)","Median time to link (minutes)","Median time to first sync (minutes)"',
    );
    expect(lines).toHaveLength(14); // header, 12 weeks, and the final line break
    expect(lines[10]).toBe('"2026-06-01","1","1","100","0","0","2940",""');
    expect(lines[11]).toBe('"2026-06-08","0","0","","0","","",""');
    expect(lines[12]).toBe('"2026-06-15","3","2","66.7","1","33.3","130","300"');

    await user.click(screen.getByRole('radio', { name: 'Person' }));
    await user.click(screen.getByRole('button', { name: 'Export completion CSV' }));
    const [byPerson, byPersonName] = vi.mocked(downloadCsv).mock.calls.at(-1)!;
    expect(byPersonName).toBe('linkdesk-link-completion-by-person-2026-06-17.csv');
    expect(byPerson.split('\r\n').slice(0, 4)).toEqual([
      expect.stringMatching(/^"Person","Handed over",/),
      '"alice","2","1","50","1","50","200","300"',
      `"'=cmd|calc","1","1","100","0","0","60",""`,
      '"bob","1","1","100","0","0","2940",""',
    ]);
  });

  it('says so when nothing has been handed over, with no chart, table or export', () => {
    show([]);
    const region = screen.getByRole('region', { name: 'Link completion' });
    expect(within(region).getByText(/^No link has been handed over yet\./)).toBeTruthy();
    expect(within(region).queryByRole('table')).toBeNull();
    expect(within(region).queryByRole('img')).toBeNull();
    expect(within(region).queryByRole('button', { name: 'Export completion CSV' })).toBeNull();
  });

  it('says so when every hand-over is older than 12 weeks', () => {
    show([handOver(weeksAgo(12), { state: 'synced', linkedAt: iso(weeksAgo(12)), endedAt: iso(weeksAgo(12)) })]);
    expect(screen.getByText('No link was handed over in the last 12 weeks.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
