/** Placeholders where content will appear, so a page that waits for Codat never looks frozen. */
import './Skeleton.css';
import type { CSSProperties } from 'react';

/** One grey block, sized by its class or style; decorative, so hidden from screen readers. */
export function Skeleton({ className, style }: { className?: string; style?: CSSProperties }) {
  return <span className={className ? `skeleton ${className}` : 'skeleton'} style={style} aria-hidden="true" />;
}

interface SkeletonRowsProps {
  rows: number;
  /** Each column's bar width, fixed or varied by row (so the rows read as text, not as a grid). */
  columns?: ReadonlyArray<string | ((row: number) => string)>;
  /** Said to screen readers while loading (a status); without it the rows are hidden from them. */
  label?: string;
  /** The list's own layout: `--skeleton-columns`, `--skeleton-gap`, `--skeleton-row-height`. */
  className?: string;
}

/** Three columns of text-like bars. */
const textColumns = [
  (row: number) => `${40 + ((row * 17) % 30)}%`,
  '60%',
  (row: number) => `${30 + ((row * 23) % 40)}%`,
];

/** Placeholder rows where a list or table will appear. */
export function SkeletonRows({ rows, columns = textColumns, label, className }: SkeletonRowsProps) {
  return (
    <div
      className={className ? `skeleton-rows ${className}` : 'skeleton-rows'}
      role={label ? 'status' : undefined}
      aria-hidden={label ? undefined : true}
    >
      {label && <span className="visually-hidden">{label}</span>}
      {Array.from({ length: rows }, (_, row) => (
        <div key={row} className="skeleton-row" aria-hidden={label ? true : undefined}>
          {columns.map((width, column) => (
            <Skeleton key={column} style={{ width: typeof width === 'function' ? width(row) : width }} />
          ))}
        </div>
      ))}
    </div>
  );
}
