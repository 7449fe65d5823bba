/** The platform's cached logo (a data: URL), or its initial when there is none. Decorative: the name is beside it. */
export function PlatformLogo({ logo, name, size = 'md' }: { logo: string | null; name: string; size?: 'sm' | 'md' }) {
  if (logo) return <img className="platform-logo" data-size={size} src={logo} alt="" />;
  return (
    <span className="platform-logo platform-logo-fallback" data-size={size} aria-hidden="true">
      {name.trim().charAt(0).toUpperCase() || '?'}
    </span>
  );
}
