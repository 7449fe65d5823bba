import type { CompanyService } from '../services/companies';
import type { AuditTargets } from './audit-targets';
import type { AreaHandlers } from './types';

export function companyOperations(companies: CompanyService, targets: AuditTargets): AreaHandlers<'companies'> {
  return {
    'companies.search': ({ text, page, pageSize, tag, box }) => companies.search(text, page, pageSize, tag, box),
    'companies.get': ({ companyId, fresh }) => companies.get(companyId, fresh),
    'companies.findByName': ({ name }) => companies.findByName(name),
    'companies.create': {
      audit: ({ customerId }) => ({
        target: { companyName: customerId },
        after: (company) => ({ target: { companyId: company.id, companyName: company.name } }),
      }),
      run: (input) => companies.create(input),
    },
    'companies.delete': {
      audit: ({ companyId }) => ({ target: targets.company(companyId) }),
      run: ({ companyId }) => companies.deleteCompany(companyId),
    },
  };
}
