import { Link } from 'react-router';
import { Icon } from '@trussworks/react-uswds';

/**
 * The page numbers a pager shows, USWDS style (at most seven slots): the first and last pages, the current one and
 * its neighbours, and `null` where pages are left out.
 */
export function pageSlots(current: number, pages: number): (number | null)[] {
  if (pages <= 7) return Array.from({ length: pages }, (_, i) => i + 1);
  if (current <= 4) return [1, 2, 3, 4, 5, null, pages];
  if (current >= pages - 3) return [1, null, pages - 4, pages - 3, pages - 2, pages - 1, pages];
  return [1, null, current - 1, current, current + 1, null, pages];
}

/**
 * USWDS pagination as links (each page has an address, so back, forward and a new tab work): previous, the page
 * numbers with the current one marked, next. `to` gives a page's address (its query string); `onNavigate` runs after
 * a link is followed.
 */
export function Pagination({
  label,
  page,
  pages,
  to,
  onNavigate,
}: {
  label: string;
  page: number;
  pages: number;
  to: (page: number) => string;
  onNavigate?: () => void;
}) {
  if (pages <= 1) return null;
  const link = (target: number, className: string, name: string, content: React.ReactNode) => (
    <Link
      to={to(target)}
      preventScrollReset
      className={className}
      aria-label={name}
      aria-current={target === page && className.includes('usa-pagination__button') ? 'page' : undefined}
      onClick={onNavigate}
    >
      {content}
    </Link>
  );
  return (
    <nav aria-label={label} className="usa-pagination">
      <ul className="usa-pagination__list">
        {page > 1 ? (
          <li className="usa-pagination__item usa-pagination__arrow">
            {link(
              page - 1,
              'usa-pagination__link usa-pagination__previous-page',
              'Previous page',
              <>
                <Icon.NavigateBefore aria-hidden focusable={false} />
                <span className="usa-pagination__link-text">Previous</span>
              </>,
            )}
          </li>
        ) : null}
        {pageSlots(page, pages).map((slot, i) =>
          slot === null ? (
            <li
              key={`gap-${i}`}
              className="usa-pagination__item usa-pagination__overflow"
              aria-label="ellipsis indicating non-visible pages"
            >
              <span>…</span>
            </li>
          ) : (
            <li key={slot} className="usa-pagination__item usa-pagination__page-no">
              {link(
                slot,
                `usa-pagination__button${slot === page ? ' usa-current' : ''}`,
                `${slot === pages ? 'Last page, page' : 'Page'} ${slot}`,
                slot,
              )}
            </li>
          ),
        )}
        {page < pages ? (
          <li className="usa-pagination__item usa-pagination__arrow">
            {link(
              page + 1,
              'usa-pagination__link usa-pagination__next-page',
              'Next page',
              <>
                <span className="usa-pagination__link-text">Next</span>
                <Icon.NavigateNext aria-hidden focusable={false} />
              </>,
            )}
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
