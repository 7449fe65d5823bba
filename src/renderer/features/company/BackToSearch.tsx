import { ArrowLeft } from 'lucide-react';

export function BackToSearch() {
  return (
    <a className="back-link" href="#/companies">
      <ArrowLeft aria-hidden="true" size={14} /> Back to search
    </a>
  );
}
