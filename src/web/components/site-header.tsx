import { useEffect, useRef, useState } from 'react';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { auditLogPath } from '../api/audit.ts';
import { FocusTrap } from 'focus-trap-react';
import { Button, ExtendedNav, Header, NavMenuButton, Title } from '@trussworks/react-uswds';
import { useCurrentUser, useLogout } from '../api/auth.ts';
import { fallbackAgencyName, useConfig } from '../api/platform.ts';
import { focusPageStart } from './focus.ts';

/** The product's name as people read it. */
export const productName = 'Statewide System of Support';

/** The sections of the platform, in the order the primary navigation lists them. */
export const primaryLinks = [
  { to: '/', label: 'Home' },
  { to: '/accountability', label: 'Accountability' },
  { to: '/dart', label: 'DART' },
  { to: '/early-warning', label: 'Early Warning' },
  { to: '/improvement', label: 'Improvement' },
  { to: '/assistance', label: 'Assistance' },
] as const;

const navId = 'primary-navigation';

// USWDS shows the full navigation from its desktop breakpoint (64em) up; below it the navigation is a drawer.
const desktopQuery = '(min-width: 64em)';

/**
 * The site header: agency and product name, the primary navigation (a drawer on small screens, with focus kept
 * inside it while open) and who is signed in.
 */
export function SiteHeader() {
  const config = useConfig();
  const agencyName = config.data?.agencyName ?? fallbackAgencyName;
  const location = useLocation();
  const accountItems = useAccountItems();
  const [expanded, setExpanded] = useState(false);
  // When the drawer closes because a link was followed, focus goes to the new page, not back to the menu button.
  const closingForNavigation = useRef(false);

  useEffect(() => {
    closingForNavigation.current = true;
    setExpanded(false);
  }, [location.pathname, location.search]);

  useEffect(() => {
    const media = window.matchMedia(desktopQuery);
    const onChange = () => {
      if (media.matches) setExpanded(false);
    };
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, []);

  const open = () => {
    closingForNavigation.current = false;
    setExpanded(true);
  };
  const close = () => setExpanded(false);

  const primaryItems = primaryLinks.map((link) => (
    <NavLink
      key={link.to}
      to={link.to}
      end={link.to === '/'}
      className={({ isActive }) => (isActive ? 'usa-nav-link usa-current' : 'usa-nav-link')}
    >
      <span>{link.label}</span>
    </NavLink>
  ));

  return (
    <Header extended showMobileOverlay={expanded}>
      <div className="usa-navbar">
        <Title>
          <Link to="/" className="ssos-site-title">
            <span className="ssos-site-title__agency">{agencyName}</span>
            <span className="ssos-site-title__product">{productName}</span>
          </Link>
        </Title>
        <NavMenuButton label="Menu" onClick={open} aria-expanded={expanded} aria-controls={navId} />
      </div>
      <FocusTrap
        active={expanded}
        focusTrapOptions={{
          escapeDeactivates: true,
          clickOutsideDeactivates: true,
          onDeactivate: close,
          setReturnFocus: (previous) => (closingForNavigation.current ? false : (previous ?? false)),
          // While the drawer is open the trap keeps focus inside it, even when the new page asks for it; once the
          // drawer has closed after a navigation, hand focus to the new page.
          onPostDeactivate: () => {
            if (closingForNavigation.current) focusPageStart();
          },
        }}
      >
        <ExtendedNav
          id={navId}
          aria-label="Primary navigation"
          primaryItems={primaryItems}
          secondaryItems={accountItems}
          mobileExpanded={expanded}
          onToggleMobileNav={close}
        />
      </FocusTrap>
    </Header>
  );
}

/** The header's account items: a sign-in link, or the signed-in user and a sign-out button. */
function useAccountItems(): React.ReactNode[] {
  const user = useCurrentUser();
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();

  if (user === null) {
    const here = `${location.pathname}${location.search}`;
    const to =
      location.pathname === '/sign-in' || here === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(here)}`;
    return [
      <Link key="sign-in" to={to} className="ssos-account-link">
        Sign in
      </Link>,
    ];
  }

  const scope = user.scope.orgName ?? (user.scope.level === 'assigned' ? 'Assigned site visits' : null);
  const signOut = () => {
    logout.mutate(undefined, {
      onSuccess: () => {
        void navigate('/', { state: { signedOut: true } });
        // The home page may already be showing: move focus there explicitly.
        window.setTimeout(focusPageStart, 0);
      },
    });
  };
  return [
    <span key="user" className="ssos-account">
      <span className="ssos-account__name">{user.displayName}</span>{' '}
      <span className="ssos-account__role">
        {user.roleLabel}
        {scope !== null ? `, ${scope}` : ''}
      </span>
    </span>,
    ...(user.role === 'state_admin'
      ? [
          <Link key="audit" to={auditLogPath} className="ssos-account-link">
            Audit log
          </Link>,
        ]
      : []),
    <span key="sign-out">
      <Button type="button" unstyled onClick={signOut} disabled={logout.isPending} className="ssos-account-link">
        Sign out
      </Button>
      {logout.isError ? (
        <span role="alert" className="ssos-account__error">
          Sign-out failed: {logout.error.message}
        </span>
      ) : null}
    </span>,
  ];
}
