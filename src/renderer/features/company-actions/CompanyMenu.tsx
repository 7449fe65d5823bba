/** "Delete company", tucked into a menu of rare actions in the company's header. */
import './company-actions.css';
import { useRef, useState, type RefObject } from 'react';
import type { Company } from '@shared/codat/schemas';
import { useEnvironment } from '@renderer/stores/app-store';
import { ConfirmDialog } from './ConfirmDialog';
import { ProductionWarning } from './ProductionWarning';
import { useDeleteCompany } from './useConfirmedRequest';

export interface CompanyMenuProps {
  company: Company;
  /** The company is gone: leave its page. */
  onDeleted(): void;
}

export function CompanyMenu({ company, onDeleted }: CompanyMenuProps) {
  const [confirming, setConfirming] = useState(false);
  const triggerRef = useRef<HTMLButtonElement>(null);
  return (
    <details className="company-menu">
      <summary>More actions</summary>
      <div className="company-menu-items">
        <button
          ref={triggerRef}
          type="button"
          className="button button-danger-quiet"
          onClick={() => setConfirming(true)}
        >
          Delete company
        </button>
      </div>
      {confirming && (
        <DeleteCompanyDialog
          company={company}
          onDeleted={onDeleted}
          onClose={() => setConfirming(false)}
          returnFocusTo={triggerRef}
        />
      )}
    </details>
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
