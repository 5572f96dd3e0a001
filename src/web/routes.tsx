import { createBrowserRouter, type RouteObject } from 'react-router';
import { Layout } from './components/layout.tsx';
import { AccountabilityPage } from './pages/accountability-page.tsx';
import { AssistanceLandingPage } from './pages/assistance-landing-page.tsx';
import { AssistanceOrgPage } from './pages/assistance-org-page.tsx';
import { AssistancePartnersPage } from './pages/assistance-partners-page.tsx';
import { AssistancePdPage } from './pages/assistance-pd-page.tsx';
import { AssistancePdSessionPage } from './pages/assistance-pd-session-page.tsx';
import { AssistancePriorityPage } from './pages/assistance-priority-page.tsx';
import { AssistanceTeamsPage } from './pages/assistance-teams-page.tsx';
import { AuditPage } from './pages/audit-page.tsx';
import { DartComparablesPage } from './pages/dart-comparables-page.tsx';
import { DartGlossaryPage } from './pages/dart-glossary-page.tsx';
import { DartLandingPage } from './pages/dart-landing-page.tsx';
import { DartPage } from './pages/dart-page.tsx';
import { DartPeersPage } from './pages/dart-peers-page.tsx';
import { EwisLandingPage } from './pages/ewis-landing-page.tsx';
import { EwisOrgPage } from './pages/ewis-org-page.tsx';
import { EwisStudentPage } from './pages/ewis-student-page.tsx';
import { EwisValidationPage } from './pages/ewis-validation-page.tsx';
import { FrameworkLibraryPage } from './pages/framework-library-page.tsx';
import { FrameworkPage } from './pages/framework-page.tsx';
import { GrantAllocationPage } from './pages/grants-allocation-page.tsx';
import { GrantApplicationPage } from './pages/grants-application-page.tsx';
import { GrantsPage } from './pages/grants-page.tsx';
import { GrantProgramPage } from './pages/grants-program-page.tsx';
import { HomePage } from './pages/home-page.tsx';
import { ImprovementLandingPage } from './pages/improvement-landing-page.tsx';
import { NetworkDetailPage } from './pages/networks-detail-page.tsx';
import { NetworksPage } from './pages/networks-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { OrgAccountabilityPage } from './pages/org-accountability-page.tsx';
import { OrgImprovementPage } from './pages/org-improvement-page.tsx';
import { OrgPage } from './pages/org-page.tsx';
import { PlanPage } from './pages/plan-page.tsx';
import { PlansPage } from './pages/plans-page.tsx';
import { PlansReviewPage } from './pages/plans-review-page.tsx';
import { RecognitionPage } from './pages/recognition-page.tsx';
import { RouteErrorPage } from './pages/route-error-page.tsx';
import { SectionPage } from './pages/section-page.tsx';
import { SelfAssessmentPage } from './pages/self-assessment-page.tsx';
import { sections } from './pages/sections.ts';
import { SignInPage } from './pages/sign-in-page.tsx';
import { SiteVisitPage } from './pages/site-visit-page.tsx';
import { WalkthroughsInstrumentPage } from './pages/walkthroughs-instrument-page.tsx';
import { WalkthroughsPage } from './pages/walkthroughs-page.tsx';
import { WalkthroughsSessionPage } from './pages/walkthroughs-session-page.tsx';
import { WhatIfPage } from './pages/what-if-page.tsx';

// Sections with pages of their own; the others show their placeholder page.
const builtSections = new Set(['/accountability', '/dart', '/early-warning', '/improvement', '/assistance']);

/** Every page of the app, inside the shared layout. */
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'orgs/:code', element: <OrgPage /> },
      { path: 'orgs/:code/accountability', element: <OrgAccountabilityPage /> },
      { path: 'orgs/:code/dart', element: <DartPage /> },
      { path: 'orgs/:code/dart/comparables', element: <DartComparablesPage /> },
      { path: 'orgs/:code/dart/peers', element: <DartPeersPage /> },
      { path: 'orgs/:code/early-warning', element: <EwisOrgPage /> },
      { path: 'students/:id/early-warning', element: <EwisStudentPage /> },
      { path: 'sign-in', element: <SignInPage /> },
      { path: 'accountability', element: <AccountabilityPage /> },
      { path: 'accountability/what-if', element: <WhatIfPage /> },
      { path: 'dart', element: <DartLandingPage /> },
      { path: 'dart/glossary', element: <DartGlossaryPage /> },
      { path: 'early-warning', element: <EwisLandingPage /> },
      { path: 'early-warning/validation', element: <EwisValidationPage /> },
      { path: 'improvement', element: <ImprovementLandingPage /> },
      { path: 'orgs/:code/improvement', element: <OrgImprovementPage /> },
      { path: 'self-assessments/:id', element: <SelfAssessmentPage /> },
      { path: 'site-visits/:id', element: <SiteVisitPage /> },
      { path: 'orgs/:code/plans', element: <PlansPage /> },
      { path: 'plans/:id', element: <PlanPage /> },
      { path: 'improvement/plans', element: <PlansReviewPage /> },
      { path: 'assistance', element: <AssistanceLandingPage /> },
      { path: 'assistance/regions/:code/priority', element: <AssistancePriorityPage /> },
      { path: 'assistance/teams', element: <AssistanceTeamsPage /> },
      { path: 'orgs/:code/assistance', element: <AssistanceOrgPage /> },
      { path: 'assistance/partners', element: <AssistancePartnersPage /> },
      { path: 'assistance/pd', element: <AssistancePdPage /> },
      { path: 'assistance/pd/sessions/:id', element: <AssistancePdSessionPage /> },
      { path: 'assistance/grants', element: <GrantsPage /> },
      { path: 'assistance/grants/programs/:id', element: <GrantProgramPage /> },
      { path: 'assistance/grants/allocations/:id', element: <GrantAllocationPage /> },
      { path: 'assistance/grants/applications/:id', element: <GrantApplicationPage /> },
      { path: 'assistance/networks', element: <NetworksPage /> },
      { path: 'assistance/networks/:id', element: <NetworkDetailPage /> },
      { path: 'assistance/recognition', element: <RecognitionPage /> },
      { path: 'assistance/walkthroughs', element: <WalkthroughsPage /> },
      { path: 'assistance/walkthroughs/instruments/:id', element: <WalkthroughsInstrumentPage /> },
      { path: 'assistance/walkthroughs/sessions/:id', element: <WalkthroughsSessionPage /> },
      { path: 'improvement/frameworks', element: <FrameworkLibraryPage /> },
      { path: 'admin/audit', element: <AuditPage /> },
      { path: 'improvement/frameworks/:code', element: <FrameworkPage /> },
      ...sections
        .filter((section) => !builtSections.has(section.path))
        .map((section) => ({ path: section.path.slice(1), element: <SectionPage section={section} /> })),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

/** Creates the browser router for the app. */
export function createAppRouter() {
  return createBrowserRouter(routes);
}
