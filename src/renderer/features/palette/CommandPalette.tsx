/**
 * The command palette (Ctrl/Cmd+K): one box for companies (by name, ID, Portal URL or tag, recent ones first),
 * pages, and what can be done here and now. Built on cmdk for the combobox and its keyboard; the filtering of
 * commands is ours (companies are matched by main, not here). Loaded only when first opened.
 */
import './palette.css';
import { Command as Cmdk } from 'cmdk';
import { Search } from 'lucide-react';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { Modal } from '@renderer/components/Modal';
import type { Command } from '@renderer/stores/commands';
import { usePaletteCompanies } from './usePaletteCompanies';

export interface PaletteCompany {
  id: string;
  name: string;
}

export interface CommandPaletteProps {
  /** What was typed before the palette was there to take it. */
  initialText?: string;
  /** What can be done now: the screen's commands first, then the app's. */
  commands: readonly Command[];
  /** Recently opened companies, most recent first. */
  recent: readonly PaletteCompany[];
  onOpenCompany(company: PaletteCompany): void;
  onRun(command: Command): void;
  onClose(): void;
  returnFocusTo: RefObject<HTMLElement | null>;
}

/** Headings in the order they are listed; others follow in the order they come. */
const groupOrder = ['Hand-over', 'This company', 'Actions', 'Go to'];
const maxRecent = 8;

/** Lower case, without accents, so "cafe" finds "Café" and "Zoe" finds "Zoë". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Every word typed is in the command's words; a command whose label starts with the text comes first. */
function matchCommands(commands: readonly Command[], query: string): Command[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const byRank = (a: Command, b: Command) => (a.rank ?? 50) - (b.rank ?? 50);
  if (words.length === 0) return commands.filter((command) => !command.searchOnly).sort(byRank);
  const scored = commands.flatMap((command) => {
    const haystack = fold([command.label, ...(command.keywords ?? [])].join(' '));
    if (!words.every((word) => haystack.includes(word))) return [];
    const label = fold(command.label);
    const rank = label.startsWith(words.join(' '))
      ? 0
      : label.split(/\s+/).some((w) => w.startsWith(words[0]!))
        ? 1
        : 2;
    return [{ command, rank }];
  });
  return scored.sort((a, b) => a.rank - b.rank || byRank(a.command, b.command)).map(({ command }) => command);
}

function byGroup(commands: readonly Command[]): Array<[string, Command[]]> {
  const groups = new Map<string, Command[]>();
  for (const command of commands) groups.set(command.group, [...(groups.get(command.group) ?? []), command]);
  const rank = (group: string) => (groupOrder.includes(group) ? groupOrder.indexOf(group) : groupOrder.length);
  return [...groups.entries()].sort(([a], [b]) => rank(a) - rank(b));
}

export default function CommandPalette(props: CommandPaletteProps) {
  const { initialText = '', commands, recent, onOpenCompany, onRun, onClose, returnFocusTo } = props;
  const inputRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const [text, setText] = useState(initialText);
  const [selected, setSelected] = useState('');
  /** Enter was pressed for this text before its companies arrived: open the first when they do. */
  const [enterWhenReady, setEnterWhenReady] = useState<string | null>(null);
  const search = usePaletteCompanies(text);
  const { query } = search;
  const searching = query !== '' && search.companies === null && search.error === null;

  const matched = useMemo(() => matchCommands(commands, query), [commands, query]);
  const groups = byGroup(matched);
  const recentIds = new Map(recent.map((company, index) => [company.id, index]));
  // Recent companies first among the matches, in the order they were last opened.
  const companies = [...(search.companies ?? [])].sort(
    (a, b) => (recentIds.get(a.id) ?? maxRecent) - (recentIds.get(b.id) ?? maxRecent),
  );
  const shownRecent = query === '' ? recent.slice(0, maxRecent) : [];

  // Letters typed before the palette was there: the cursor goes after them.
  useEffect(() => {
    const input = inputRef.current;
    if (input && document.activeElement === input) input.setSelectionRange(input.value.length, input.value.length);
  }, []);

  // A click on the dimmed page around the palette closes it, as Escape does.
  useEffect(() => {
    const dialog = bodyRef.current?.closest('dialog');
    if (!dialog) return;
    const onClick = (event: MouseEvent) => {
      if (event.target === dialog) onClose();
    };
    dialog.addEventListener('click', onClick);
    return () => dialog.removeEventListener('click', onClick);
  }, [onClose]);

  useEffect(() => {
    if (enterWhenReady === null || searching) return;
    setEnterWhenReady(null);
    const [first] = companies;
    if (enterWhenReady === query && first && matched.length === 0) onOpenCompany(first);
  });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Typed fast: nothing to choose yet, but the companies for this text are coming. Keep the Enter for them.
    if (event.key === 'Enter' && searching && matched.length === 0) {
      event.preventDefault();
      setEnterWhenReady(query);
      search.searchNow();
    }
  };

  const status = search.error
    ? `Could not search companies: ${search.error.message}`
    : searching
      ? search.tag
        ? `Finding companies tagged ${search.tag.key}=${search.tag.value}…`
        : 'Searching companies…'
      : query !== '' && companies.length === 0 && matched.length === 0
        ? `Nothing matches “${query}”.`
        : query !== '' && search.totalResults > companies.length
          ? `${companies.length} of ${search.totalResults} companies shown: type more to narrow them.`
          : '';

  return (
    <Modal
      title="Command palette"
      onClose={onClose}
      closeButton={false}
      returnFocusTo={returnFocusTo}
      initialFocus={inputRef}
      className="palette"
    >
      <div ref={bodyRef} className="palette-body">
        <Cmdk
          label="Command"
          shouldFilter={false}
          vimBindings={false}
          loop
          value={selected}
          onValueChange={setSelected}
          onKeyDown={onKeyDown}
        >
          <div className="palette-input">
            <Search aria-hidden="true" size={16} />
            <Cmdk.Input
              ref={inputRef}
              value={text}
              onValueChange={setText}
              maxLength={200}
              spellCheck={false}
              autoComplete="off"
              placeholder="Company name, ID, Portal URL or tag (region=uk), a page or an action"
            />
          </div>
          <Cmdk.List label="Commands and companies" className="palette-list">
            {shownRecent.length > 0 && (
              <Cmdk.Group heading="Recent companies">
                {shownRecent.map((company) => (
                  <CompanyOption key={company.id} company={company} onSelect={() => onOpenCompany(company)} />
                ))}
              </Cmdk.Group>
            )}
            {groups.map(([group, items]) => (
              <Cmdk.Group key={group} heading={group}>
                {items.map((command) => (
                  <CommandOption key={command.id} command={command} onSelect={() => onRun(command)} />
                ))}
              </Cmdk.Group>
            ))}
            {companies.length > 0 && (
              <Cmdk.Group heading={search.tag ? `Tagged ${search.tag.key}=${search.tag.value}` : 'Companies'}>
                {companies.map((company) => (
                  <CompanyOption key={company.id} company={company} onSelect={() => onOpenCompany(company)} />
                ))}
              </Cmdk.Group>
            )}
          </Cmdk.List>
        </Cmdk>
        <div className="palette-footer">
          <p className="palette-status" role="status">
            {status}
          </p>
          <p className="palette-keys" aria-hidden="true">
            <kbd>↑</kbd> <kbd>↓</kbd> choose · <kbd>Enter</kbd> run · <kbd>Esc</kbd> close
          </p>
        </div>
      </div>
    </Modal>
  );
}

function CommandOption({ command, onSelect }: { command: Command; onSelect(): void }) {
  const keys = command.key ? command.key.toUpperCase() : command.shortcut;
  const reasonId = `palette-reason-${command.id}`;
  return (
    <Cmdk.Item
      value={`command:${command.id}`}
      onSelect={onSelect}
      disabled={!!command.disabledReason}
      aria-keyshortcuts={command.key ? command.key.toUpperCase() : undefined}
      aria-describedby={command.disabledReason ? reasonId : undefined}
      className="palette-item"
    >
      <span className="palette-label">{command.label}</span>
      {command.disabledReason && (
        <span id={reasonId} className="palette-hint">
          {command.disabledReason}
        </span>
      )}
      {keys && (
        <kbd className="palette-kbd" aria-hidden="true">
          {keys}
        </kbd>
      )}
    </Cmdk.Item>
  );
}

function CompanyOption({ company, onSelect }: { company: PaletteCompany; onSelect(): void }) {
  return (
    <Cmdk.Item value={`company:${company.id}`} onSelect={onSelect} className="palette-item">
      <span className="palette-label">{company.name}</span>
      <span className="palette-hint palette-id" aria-hidden="true">
        {company.id.slice(0, 8)}
      </span>
    </Cmdk.Item>
  );
}
