import './status.css';
import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import type { Tone } from './tone';

interface StateBadgeProps {
  tone: Tone;
  Icon: LucideIcon;
  /** The word; the icon and colour only repeat it. */
  children: ReactNode;
  /** Set for a state that is under way: its icon turns. */
  state?: string;
  title?: string;
  className?: string;
}

/** A state in a word, with its icon in its tone: a pull's status, a sync's progress, an issue's severity. */
export function StateBadge({ tone, Icon, children, state, title, className }: StateBadgeProps) {
  return (
    <span
      className={className ? `state-badge ${className}` : 'state-badge'}
      data-tone={tone}
      data-state={state}
      title={title}
    >
      <Icon aria-hidden="true" size={14} strokeWidth={2.2} />
      {children}
    </span>
  );
}
