import { createBrowserRouter, type RouteObject } from 'react-router';
import { Layout } from './components/layout.tsx';
import { HomePage } from './pages/home-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { OrgPage } from './pages/org-page.tsx';
import { RouteErrorPage } from './pages/route-error-page.tsx';
import { SectionPage } from './pages/section-page.tsx';
import { sections } from './pages/sections.ts';
import { SignInPage } from './pages/sign-in-page.tsx';

/** Every page of the app, inside the shared layout. */
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'orgs/:code', element: <OrgPage /> },
      { path: 'sign-in', element: <SignInPage /> },
      ...sections.map((section) => ({ path: section.path.slice(1), element: <SectionPage section={section} /> })),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

/** Creates the browser router for the app. */
export function createAppRouter() {
  return createBrowserRouter(routes);
}
