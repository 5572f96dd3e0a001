import { useEffect, useRef } from 'react';
import { Outlet, ScrollRestoration, useLocation } from 'react-router';
import { SiteAlert } from '@trussworks/react-uswds';
import { useConfig } from '../api/platform.ts';
import { focusPageStart, mainContentId } from './focus.ts';
import { SiteFooter } from './site-footer.tsx';
import { SiteHeader } from './site-header.tsx';

/** The frame of every page: skip link, header, main content, footer. */
export function Layout({ children }: { children?: React.ReactNode }) {
  const location = useLocation();
  const config = useConfig();
  const firstRender = useRef(true);

  // After a client-side navigation, start the reader at the new page's heading, as a full page load would.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    focusPageStart();
  }, [location.pathname]);

  const skipToMain = (event: React.MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    focusPageStart();
  };

  return (
    <>
      <a className="usa-skipnav" href={`#${mainContentId}`} onClick={skipToMain}>
        Skip to main content
      </a>
      {config.data?.demo ? (
        <SiteAlert variant="info" slim showIcon aria-label="Demonstration notice">
          This is a demonstration installation: its data and accounts are for trying the platform out, not for
          decisions.
        </SiteAlert>
      ) : null}
      <SiteHeader />
      <main id={mainContentId} className="ssos-main">
        <div className="grid-container">{children ?? <Outlet />}</div>
      </main>
      <SiteFooter />
      <ScrollRestoration />
    </>
  );
}
