/**
 * "More actions" in the company's header: a menu button (the ARIA menu pattern) holding the rare, destructive
 * "Delete company". Hand-written, since the app has one menu: a button with a chevron that says it opens a menu and
 * whether it is open; in the menu ↓ ↑ Home End move, Enter or Space choose, Escape closes and gives focus back to
 * the button, Tab or a click outside close it. It opens upwards, over the company's facts, so that it never covers
 * "Connect platform" below the header.
 */
import './company-actions.css';
import { ChevronDown } from 'lucide-react';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { Company } from '@shared/codat/schemas';
import { useMenuBehaviour } from '@renderer/hooks/useMenuBehaviour';
import { useEnvironment } from '@renderer/stores/app-store';
import { ConfirmDialog } from './ConfirmDialog';
import { ProductionWarning } from './ProductionWarning';
import { useDeleteCompany } from './useConfirmedRequest';

export interface CompanyMenuProps {
  company: Company;
  /** The company is gone: leave its page. */
  onDeleted(): void;
}

interface MenuItem {
  label: string;
  danger?: boolean;
  choose(): void;
}

export function CompanyMenu({ company, onDeleted }: CompanyMenuProps) {
  const [confirming, setConfirming] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const items: MenuItem[] = [{ label: 'Delete company', danger: true, choose: () => setConfirming(true) }];
  return (
    <>
      <MenuButton label="More actions" items={items} buttonRef={buttonRef} />
      {confirming && (
        <DeleteCompanyDialog
          company={company}
          onDeleted={onDeleted}
          onClose={() => setConfirming(false)}
          // The menu item is gone once chosen: focus goes back to the button that opened the menu.
          returnFocusTo={buttonRef}
        />
      )}
    </>
  );
}

/** Which item gets focus when the menu opens: the first, or the last (opened with ↑). */
type OpenAt = 'first' | 'last';

function MenuButton({
  label,
  items,
  buttonRef,
}: {
  label: string;
  items: MenuItem[];
  buttonRef: RefObject<HTMLButtonElement | null>;
}) {
  const id = useId();
  const menuId = `${id}-menu`;
  const [openAt, setOpenAt] = useState<OpenAt | null>(null);
  const open = openAt !== null;
  const containerRef = useRef<HTMLDivElement>(null);
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);

  const close = (returnFocus: boolean) => {
    setOpenAt(null);
    if (returnFocus) buttonRef.current?.focus();
  };

  // Focus the first (or last) item as the menu appears.
  useEffect(() => {
    if (openAt === null) return;
    const index = openAt === 'first' ? 0 : items.length - 1;
    itemRefs.current[index]?.focus();
  }, [openAt, items.length]);

  const onButtonKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpenAt(event.key === 'ArrowDown' ? 'first' : 'last');
    }
  };

  const onMenuKeyDown = useMenuBehaviour({ open, containerRef, itemRefs, itemCount: items.length, close });

  return (
    <div className="menu-button" ref={containerRef}>
      <button
        ref={buttonRef}
        type="button"
        className="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close(false) : setOpenAt('first'))}
        onKeyDown={onButtonKeyDown}
      >
        {label}
        <ChevronDown aria-hidden="true" size={16} className="menu-chevron" />
      </button>
      {open && (
        <div id={menuId} role="menu" aria-label={label} className="menu-popover" onKeyDown={onMenuKeyDown}>
          {items.map((item, index) => (
            <button
              key={item.label}
              ref={(element) => {
                itemRefs.current[index] = element;
              }}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className={item.danger ? 'menu-item menu-item-danger' : 'menu-item'}
              onClick={() => {
                close(true);
                item.choose();
              }}
            >
              {item.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

interface DeleteCompanyDialogProps extends CompanyMenuProps {
  onClose(): void;
  returnFocusTo: RefObject<HTMLElement | null>;
}

function DeleteCompanyDialog({ company, onDeleted, onClose, returnFocusTo }: DeleteCompanyDialogProps) {
  const environment = useEnvironment();
  const remove = useDeleteCompany(
    { companyId: company.id },
    {
      onDone: () => {
        onClose();
        onDeleted();
      },
      // The error stays in the dialog; the company is still there, so nothing else needs reloading.
      onFailed: () => {},
    },
  );
  return (
    <ConfirmDialog
      title={`Delete ${company.name}?`}
      confirmLabel="Delete company"
      danger
      typeToConfirm={{ label: 'Company name', expected: company.name }}
      request={remove}
      returnFocusTo={returnFocusTo}
      onClose={onClose}
    >
      <ProductionWarning environment={environment} />
      <p>
        <strong>This cannot be undone.</strong> Codat permanently removes the company, all{' '}
        {company.dataConnections?.length ?? 0} of its connections and all data synced for it.
      </p>
    </ConfirmDialog>
  );
}
