/** One company: connections, connect a platform, hand over the link, watch it (being built). */
export function CompanyView({ companyId }: { companyId: string }) {
  return <h1 id="page-title">Company {companyId}</h1>;
}
