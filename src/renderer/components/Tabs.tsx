/**
 * Tabs as the WAI-ARIA tabs pattern has them: one Tab stop for the list, arrow keys (and Home, End) between tabs,
 * each tab naming its panel. Used by the company's Investigate section and the Integrations page.
 */
import './Tabs.css';
import type { LucideIcon } from 'lucide-react';
import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabItem<T extends string> {
  id: T;
  label: string;
  Icon: LucideIcon;
  /**
   * A number drawn after the label for the eye, with its words as the tab's description (e.g. "3 issues"), so
   * that the tab keeps its label as its name.
   */
  count?: { value: number; description: string };
}

/** The ids of a tab and of its panel, from the tab list's `baseId`. */
export const tabId = (baseId: string, tab: string) => `${baseId}-tab-${tab}`;
export const panelId = (baseId: string, tab: string) => `${baseId}-panel-${tab}`;

/** Where the arrow keys, Home and End move focus in a tab list, or undefined. */
export function tabKeyTarget(key: string, index: number, count: number): number | undefined {
  const last = count - 1;
  switch (key) {
    case 'ArrowRight':
      return index === last ? 0 : index + 1;
    case 'ArrowLeft':
      return index === 0 ? last : index - 1;
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return undefined;
  }
}

interface TabListProps<T extends string> {
  tabs: ReadonlyArray<TabItem<T>>;
  /** The tab shown; null when none is (the first tab then takes the Tab stop). */
  selected: T | null;
  onSelect(tab: T): void;
  /**
   * `automatic`: the arrow keys show the tab they reach. `manual`: they only move focus, and Enter or Space shows
   * it, for tabs whose first showing costs something (a request to Codat).
   */
  activation: 'automatic' | 'manual';
  baseId: string;
  /** The tab that takes the Tab stop while none is shown; the first by default. */
  tabStop?: T | null;
  /** Whether a tab's panel is in the page, so aria-controls never points at nothing; all of them by default. */
  hasPanel?(tab: T): boolean;
  className?: string;
  id?: string;
  'aria-label'?: string;
  'aria-labelledby'?: string;
}

export function TabList<T extends string>(props: TabListProps<T>) {
  const { tabs, selected, onSelect, activation, baseId, hasPanel } = props;
  const tabRefs = useRef<Array<HTMLButtonElement | null>>([]);
  const focusable = selected ?? props.tabStop ?? tabs[0]?.id;

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const target = tabKeyTarget(event.key, index, tabs.length);
    const tab = target === undefined ? undefined : tabs[target];
    if (target === undefined || !tab) return;
    event.preventDefault();
    if (activation === 'automatic') onSelect(tab.id);
    tabRefs.current[target]?.focus();
  };

  return (
    <div
      role="tablist"
      id={props.id}
      aria-label={props['aria-label']}
      aria-labelledby={props['aria-labelledby']}
      className={props.className ? `tab-list ${props.className}` : 'tab-list'}
    >
      {tabs.map(({ id, label, Icon, count }, index) => (
        <button
          key={id}
          ref={(element) => {
            tabRefs.current[index] = element;
          }}
          type="button"
          role="tab"
          id={tabId(baseId, id)}
          aria-selected={selected === id}
          aria-controls={(hasPanel?.(id) ?? true) ? panelId(baseId, id) : undefined}
          aria-describedby={count ? `${tabId(baseId, id)}-count` : undefined}
          tabIndex={focusable === id ? 0 : -1}
          className="tab"
          onClick={() => onSelect(id)}
          onKeyDown={(event) => onTabKey(event, index)}
        >
          <Icon aria-hidden="true" size={15} />
          {label}
          {count && (
            <>
              <span className="tab-count" aria-hidden="true">
                {count.value > 9999 ? '9999+' : count.value}
              </span>
              <span id={`${tabId(baseId, id)}-count`} hidden>
                {count.description}
              </span>
            </>
          )}
        </button>
      ))}
    </div>
  );
}

/** A tab's panel: hidden, not removed, while another tab is shown, so it keeps its state. */
export function TabPanel(props: { baseId: string; tab: string; shown: boolean; children: ReactNode }) {
  const { baseId, tab, shown, children } = props;
  return (
    <div
      role="tabpanel"
      id={panelId(baseId, tab)}
      aria-labelledby={tabId(baseId, tab)}
      hidden={!shown}
      tabIndex={0}
      className="tab-panel"
    >
      {children}
    </div>
  );
}
