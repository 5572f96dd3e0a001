import { Link } from 'react-router';
import { Footer, FooterNav, GridContainer } from '@trussworks/react-uswds';
import { fallbackAgencyName, useConfig } from '../api/platform.ts';
import { productName } from './site-header.tsx';

/** The site footer: links that stay the same on every page, and the agency's name. */
export function SiteFooter() {
  const config = useConfig();
  const agencyName = config.data?.agencyName ?? fallbackAgencyName;
  return (
    <Footer
      size="slim"
      primary={
        <GridContainer>
          <FooterNav
            size="slim"
            aria-label="Footer navigation"
            links={[
              <Link key="search" to="/" className="usa-footer__primary-link">
                Search organizations
              </Link>,
              // The API documentation is served by the server, outside this app: a full page load.
              <a key="api" href="/api/docs" className="usa-footer__primary-link">
                API documentation
              </a>,
            ]}
          />
        </GridContainer>
      }
      secondary={
        <div className="ssos-footer-identity">
          <p className="ssos-footer-identity__agency">{agencyName}</p>
          <p className="ssos-footer-identity__product">{productName}</p>
        </div>
      }
    />
  );
}
