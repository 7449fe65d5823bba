/**
 * "Snooze": a menu button (the ARIA menu pattern) with "1 hour", "Until tomorrow 9:00", "1 week" and "Pick a date…",
 * which turns the popover into a small form with a date-time field. ↓ ↑ Home End move in the menu, Enter chooses,
 * Escape closes it and gives focus back to where it was (the row, when opened with S). It opens below the button,
 * over the list, so nothing in the action bar moves.
 */
import { AlarmClock, ChevronDown } from 'lucide-react';
import { useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useMenuBehaviour } from '@renderer/hooks/useMenuBehaviour';
import { localInputValue, snoozeChoices, snoozeTimeProblem } from './inbox-format';

interface SnoozeMenuProps {
  /** Open (and where to give focus back on close), or closed. */
  open: boolean;
  onOpen(): void;
  onClose(): void;
  /** The control focus goes back to when the menu closes without a choice. */
  returnFocusTo: RefObject<HTMLElement | null>;
  onChoose(until: Date): void;
  /** Nothing to snooze here (no row, or a tab where snoozing means nothing): the button says why. */
  unavailable: string | null;
  busy: boolean;
  buttonRef: RefObject<HTMLButtonElement | null>;
  shortcut: string;
}

export function SnoozeMenu(props: SnoozeMenuProps) {
  const { open, onOpen, onClose, returnFocusTo, onChoose, unavailable, busy, buttonRef, shortcut } = props;
  const id = useId();
  const menuId = `${id}-menu`;
  const hintId = `${id}-hint`;
  const [picking, setPicking] = useState(false);
  const containerRef = useRef<HTMLDivElement>(null);
  const itemRefs = useRef<Array<HTMLButtonElement | null>>([]);
  // The choices are worked out when the menu opens ("tomorrow" is tomorrow from then).
  const [openedAt, setOpenedAt] = useState(() => Date.now());
  const choices = snoozeChoices(openedAt);
  const itemCount = choices.length + 1;

  useEffect(() => {
    if (!open) {
      setPicking(false);
      return;
    }
    setOpenedAt(Date.now());
  }, [open]);

  // Focus the first item as the menu appears.
  useEffect(() => {
    if (open && !picking) itemRefs.current[0]?.focus();
  }, [open, picking]);

  const close = (returnFocus: boolean) => {
    onClose();
    if (returnFocus) (returnFocusTo.current ?? buttonRef.current)?.focus();
  };

  const choose = (until: Date) => {
    close(true);
    onChoose(until);
  };

  const onMenuKeyDown = useMenuBehaviour({ open, containerRef, itemRefs, itemCount, close });

  return (
    <div className="menu-button inbox-snooze" ref={containerRef}>
      <button
        ref={buttonRef}
        type="button"
        className="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-disabled={unavailable !== null || busy || undefined}
        aria-keyshortcuts={shortcut}
        aria-describedby={unavailable ? hintId : undefined}
        title={unavailable ?? `Snooze until a time: it comes back as New if it is still there (${shortcut})`}
        onClick={() => {
          if (open) close(false);
          else if (unavailable === null && !busy) onOpen();
        }}
        onKeyDown={(event) => {
          if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && unavailable === null && !busy) {
            event.preventDefault();
            onOpen();
          }
        }}
      >
        {busy ? <span className="spinner" aria-hidden="true" /> : <AlarmClock aria-hidden="true" size={14} />}
        Snooze
        <ChevronDown aria-hidden="true" size={14} className="menu-chevron" />
      </button>
      <span id={hintId} hidden>
        {unavailable ?? ''}
      </span>
      {open && !picking && (
        <div
          id={menuId}
          role="menu"
          aria-label="Snooze"
          className="menu-popover inbox-snooze-menu"
          onKeyDown={onMenuKeyDown}
        >
          {choices.map((choice, index) => (
            <button
              key={choice.label}
              ref={(element) => {
                itemRefs.current[index] = element;
              }}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="menu-item"
              title={`Until ${choice.until.toLocaleString()}`}
              onClick={() => choose(choice.until)}
            >
              {choice.label}
            </button>
          ))}
          <button
            ref={(element) => {
              itemRefs.current[choices.length] = element;
            }}
            type="button"
            role="menuitem"
            tabIndex={-1}
            className="menu-item"
            onClick={() => setPicking(true)}
          >
            Pick a date…
          </button>
        </div>
      )}
      {open && picking && (
        <SnoozeUntilForm id={menuId} openedAt={openedAt} onCancel={() => close(true)} onChoose={choose} />
      )}
    </div>
  );
}

function SnoozeUntilForm(props: { id: string; openedAt: number; onCancel(): void; onChoose(until: Date): void }) {
  const fieldId = useId();
  const errorId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState(() => localInputValue(snoozeChoices(props.openedAt)[1]!.until));
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => inputRef.current?.focus(), []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const why = snoozeTimeProblem(value, Date.now());
    setProblem(why);
    if (why) {
      inputRef.current?.focus();
      return;
    }
    props.onChoose(new Date(value));
  };
  return (
    <form
      id={props.id}
      className="menu-popover inbox-snooze-form"
      aria-label="Snooze until a time"
      noValidate
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        event.stopPropagation();
        props.onCancel();
      }}
    >
      <label htmlFor={fieldId}>Snooze until</label>
      <input
        ref={inputRef}
        id={fieldId}
        type="datetime-local"
        value={value}
        min={localInputValue(new Date(props.openedAt))}
        onChange={(event) => setValue(event.target.value)}
        aria-invalid={problem !== null || undefined}
        aria-describedby={problem ? errorId : undefined}
      />
      {problem && (
        <p id={errorId} className="field-error">
          {problem}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          Snooze until then
        </button>
        <button type="button" className="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
