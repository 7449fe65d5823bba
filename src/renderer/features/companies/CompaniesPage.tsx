/** Company search and "New company" (being built). */
export function CompaniesPage() {
  return <p>Company search is coming.</p>;
}
