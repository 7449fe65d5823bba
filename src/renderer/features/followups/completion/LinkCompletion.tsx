/**
 * "Link completion" on the Follow-ups page: of the links handed over in the last 12 weeks, how many customers
 * linked and how many finished their first sync, and how long they took; per week, by platform or by person. A
 * chart, the same numbers as a table, and a CSV export. Loaded lazily with its charting library.
 */
import { useId, useMemo, useState } from 'react';
import { computeFunnel, funnelWeekCount } from '@shared/domain/funnel';
import type { HandOver } from '@shared/domain/handovers';
import { datedFileName } from '@renderer/lib/csv';
import { downloadCsv } from '@renderer/lib/download';
import {
  breakdownLabels,
  completionBreakdowns,
  completionCsv,
  completionRows,
  formatMedian,
  formatRate,
  rowHeader,
  type CompletionBreakdown,
} from './completion-format';
import { chartSeries, CompletionChart } from './CompletionChart';
import './completion.css';

/** More groups than this and the bars get too thin to read: the chart shows the largest, the table all. */
const chartGroupLimit = 12;

const userTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export default function LinkCompletion(props: {
  handOvers: readonly HandOver[];
  now: number;
  /** Where weeks start (an IANA name); the user's own by default. */
  timeZone?: string;
}) {
  const { handOvers, now } = props;
  const timeZone = props.timeZone ?? userTimeZone();
  const headingId = useId();
  const [breakdown, setBreakdown] = useState<CompletionBreakdown>('all');
  // The page may pass a clock that ticks every second (its countdowns): the funnel is worked out again when the
  // hand-overs change, or once a minute (reading `now` afresh then), not on every tick.
  const minute = Math.floor(now / 60_000);
  const funnel = useMemo(() => computeFunnel(handOvers, { now, timeZone }), [handOvers, minute, timeZone]);
  const rows = useMemo(() => completionRows(funnel, breakdown), [funnel, breakdown]);
  const chartRows = rows.slice(0, chartGroupLimit);
  const what = breakdown === 'all' ? 'week' : breakdownLabels[breakdown].toLowerCase();
  const { total } = funnel;

  const header = (
    <h2 id={headingId} className="completion-title">
      Link completion
    </h2>
  );
  if (total.handedOver === 0) {
    return (
      <section className="link-completion" aria-labelledby={headingId}>
        {header}
        <p className="empty-note">
          {handOvers.length === 0
            ? 'No link has been handed over yet. Once links are copied, opened or sent in an invite, this shows how many customers linked and finished their first sync, week by week.'
            : `No link was handed over in the last ${funnelWeekCount} weeks.`}
        </p>
      </section>
    );
  }

  return (
    <section className="link-completion" aria-labelledby={headingId}>
      <div className="completion-header">
        {header}
        <fieldset className="completion-by">
          <legend>By</legend>
          {completionBreakdowns.map((option) => (
            <label key={option} className="completion-by-option">
              <input
                type="radio"
                name={`${headingId}-by`}
                value={option}
                checked={breakdown === option}
                onChange={() => setBreakdown(option)}
              />
              <span>{breakdownLabels[option]}</span>
            </label>
          ))}
        </fieldset>
        <button
          type="button"
          className="button"
          onClick={() =>
            downloadCsv(
              completionCsv(rows, breakdown, timeZone),
              datedFileName(`link-completion-by-${what}`, new Date(now)),
            )
          }
        >
          Export completion CSV
        </button>
      </div>
      <p className="completion-intro">
        Customers handed a link in the last {funnelWeekCount} weeks (weeks start on Monday, {timeZone} time). A fresh
        link for the same connection counts with the first one, from when the customer was first asked.
      </p>
      <div className="completion-medians">
        <p>
          Median time to link: {total.medianToLinkMs === null ? 'none linked yet' : formatMedian(total.medianToLinkMs)}
        </p>
        <p>
          Median time to first sync:{' '}
          {total.medianToSyncMs === null ? 'no first sync complete yet' : formatMedian(total.medianToSyncMs)}
        </p>
      </div>
      <ul className="completion-legend" aria-hidden="true">
        {chartSeries.map((series) => (
          <li key={series.key}>
            <span className={`completion-swatch completion-${series.key}`} />
            {series.label}
          </li>
        ))}
      </ul>
      <CompletionChart
        rows={chartRows}
        description={`Bar chart of links handed over, linked and with first sync complete, by ${what}${
          rows.length > chartRows.length ? ` (the ${chartRows.length} with most hand-overs)` : ''
        }. The table below has the same numbers.`}
      />
      {rows.length > chartRows.length && (
        <p className="fact-note">
          The chart shows the {chartRows.length} with most hand-overs; the table has all {rows.length}.
        </p>
      )}
      <table className="completion-table">
        <caption>
          Link completion by {what}, last {funnelWeekCount} weeks
        </caption>
        <thead>
          <tr>
            <th scope="col">{rowHeader(breakdown)}</th>
            <th scope="col">Handed over</th>
            <th scope="col">Linked</th>
            <th scope="col">Linked rate</th>
            <th scope="col">First sync complete</th>
            <th scope="col">First sync rate</th>
            <th scope="col">Median time to link</th>
            <th scope="col">Median time to first sync</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">
                {row.label}
                {row.current && <span className="completion-so-far"> (so far)</span>}
              </th>
              <td className="numeric">{row.handedOver}</td>
              <td className="numeric">{row.linked}</td>
              <td className="numeric">{formatRate(row.linkedRate)}</td>
              <td className="numeric">{row.synced}</td>
              <td className="numeric">{formatRate(row.syncedRate)}</td>
              <td>{formatMedian(row.medianToLinkMs)}</td>
              <td>{formatMedian(row.medianToSyncMs)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">All {funnelWeekCount} weeks</th>
            <td className="numeric">{total.handedOver}</td>
            <td className="numeric">{total.linked}</td>
            <td className="numeric">{formatRate(total.linkedRate)}</td>
            <td className="numeric">{total.synced}</td>
            <td className="numeric">{formatRate(total.syncedRate)}</td>
            <td>{formatMedian(total.medianToLinkMs)}</td>
            <td>{formatMedian(total.medianToSyncMs)}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
