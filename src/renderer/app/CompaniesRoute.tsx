/**
 * The Companies page: the list, or one company when its id is in the address. Here, where every feature may be
 * imported, the company view gets its destructive actions from the company-actions feature.
 */
import { CompanyMenu } from '@renderer/features/company-actions/CompanyMenu';
import { ConnectionActions } from '@renderer/features/company-actions/ConnectionActions';
import { CompanyView, type CompanyViewActions } from '@renderer/features/company/CompanyView';
import { CompaniesPage } from '@renderer/features/company-list/CompaniesPage';
import { forgetRecentCompany } from '@renderer/features/company-list/recent-companies';
import { useAppStore } from '@renderer/stores/app-store';

const companyActions: CompanyViewActions = {
  company: (company) => <CompanyMenu company={company} onDeleted={() => leaveDeleted(company.id)} />,
  connection: (company, connection, onChanged) => (
    <ConnectionActions company={company} connection={connection} onChanged={onChanged} />
  ),
};

/** A deleted company leaves Recent as well as the screen. */
function leaveDeleted(companyId: string) {
  const { info, navigate } = useAppStore.getState();
  const profileId = info?.activeProfile?.id;
  if (profileId) forgetRecentCompany(profileId, companyId);
  navigate('companies');
}

export function CompaniesRoute() {
  const companyId = useAppStore((state) => state.companyId);
  return companyId ? <CompanyView key={companyId} companyId={companyId} actions={companyActions} /> : <CompaniesPage />;
}
