import { useEffect } from 'react';

/** The product's short name, the last part of every page title. */
export const productShortName = 'ssos';

/** Sets the browser tab's title to `<page> | ssos` while the page is shown. */
export function useDocumentTitle(pageTitle: string): void {
  useEffect(() => {
    document.title = pageTitle === '' ? productShortName : `${pageTitle} | ${productShortName}`;
  }, [pageTitle]);
}
