import type { LucideIcon } from 'lucide-react';
import type { ComponentPropsWithRef } from 'react';

type ActionButtonProps = ComponentPropsWithRef<'button'> & {
  Icon: LucideIcon;
  /** Its request is in flight: a spinner takes the icon's place. */
  busy: boolean;
  iconSize?: number;
};

/** A button with an icon before its words, and a spinner there while what it started is under way. */
export function ActionButton(props: ActionButtonProps) {
  const { Icon, busy, iconSize = 14, children, type = 'button', className = 'button', ...button } = props;
  return (
    <button type={type} className={className} {...button}>
      {busy ? <span className="spinner" aria-hidden="true" /> : <Icon aria-hidden="true" size={iconSize} />}
      {children}
    </button>
  );
}
