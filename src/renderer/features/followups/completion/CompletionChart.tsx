/**
 * The funnel as grouped bars (handed over → linked → first sync complete) per week, platform or person, drawn in
 * SVG with visx. The drawing has a fixed coordinate space (viewBox) scaled to the width it is given, so it needs
 * no measuring. For assistive technology it is one image with a name that points to the table beside it, which
 * has the same numbers.
 */
import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { useId } from 'react';
import type { CompletionRow } from './completion-format';

export const chartSeries = [
  { key: 'handedOver', label: 'Handed over' },
  { key: 'linked', label: 'Linked' },
  { key: 'synced', label: 'First sync complete' },
] as const;
type SeriesKey = (typeof chartSeries)[number]['key'];

const width = 720;
const height = 240;
const margin = { top: 12, right: 8, bottom: 32, left: 44 };
const plotWidth = width - margin.left - margin.right;
const plotHeight = height - margin.top - margin.bottom;

/** A label that fits under its group of bars (the table has it whole). */
function shortLabel(label: string, room: number): string {
  const characters = Math.max(4, Math.floor(room / 6.5));
  return label.length <= characters ? label : `${label.slice(0, characters - 1)}…`;
}

export function CompletionChart({ rows, description }: { rows: readonly CompletionRow[]; description: string }) {
  const titleId = useId();
  const keys = rows.map((row) => row.key);
  const groups = scaleBand<string>({ domain: keys, range: [0, plotWidth], padding: 0.25 });
  const bars = scaleBand<SeriesKey>({
    domain: chartSeries.map((series) => series.key),
    range: [0, groups.bandwidth()],
    padding: 0.08,
  });
  const highest = Math.max(1, ...rows.map((row) => row.handedOver));
  const counts = scaleLinear<number>({ domain: [0, highest], range: [plotHeight, 0], nice: true });
  const labels = new Map(rows.map((row) => [row.key, row]));
  const integerTicks = counts.ticks(Math.min(5, highest)).filter((tick) => Number.isInteger(tick));

  return (
    <svg
      className="completion-chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={titleId}
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={titleId}>{description}</title>
      <Group left={margin.left} top={margin.top}>
        {integerTicks.map((tick) => (
          <line key={tick} className="completion-grid" x1={0} x2={plotWidth} y1={counts(tick)} y2={counts(tick)} />
        ))}
        {rows.map((row) => (
          <Group key={row.key} left={groups(row.key) ?? 0}>
            {chartSeries.map((series) => {
              const value = row[series.key];
              const top = counts(value);
              return (
                <rect
                  key={series.key}
                  className={`completion-bar completion-${series.key}`}
                  x={bars(series.key) ?? 0}
                  y={top}
                  width={bars.bandwidth()}
                  height={Math.max(0, plotHeight - top)}
                >
                  <title>{`${row.label}: ${value} ${series.label.toLowerCase()}`}</title>
                </rect>
              );
            })}
          </Group>
        ))}
        <AxisLeft
          scale={counts}
          tickValues={integerTicks}
          tickFormat={(value) => String(value)}
          axisClassName="completion-axis"
          hideAxisLine
          hideTicks
        />
        <AxisBottom
          top={plotHeight}
          scale={groups}
          tickFormat={(key) => {
            const row = labels.get(key);
            return row ? shortLabel(row.label, groups.step()) : key;
          }}
          axisClassName="completion-axis"
          hideTicks
        />
      </Group>
    </svg>
  );
}
