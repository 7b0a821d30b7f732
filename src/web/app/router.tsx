import { Spin } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, Outlet, useLocation } from 'react-router';
import { QueryError } from '../components/query-error';
import { ForbiddenPage, NotFoundPage } from '../components/status-pages';
import { LoginPage } from '../features/auth/pages/login-page';
import type { Ability } from './api/types';
import { AuthProvider, useAuth, type LoginState } from './auth/auth-context';
import { AppShell } from './shell/app-shell';

const SetupPage = lazy(() => import('../features/setup/pages/setup-page'));
const ChangePasswordPage = lazy(() => import('../features/auth/pages/change-password-page'));
const DashboardPage = lazy(() => import('../features/dashboard/pages/dashboard-page'));
const ReportsPage = lazy(() => import('../features/reports/pages/reports-page'));
const TownshipPage = lazy(() => import('../features/township/pages/township-page'));
const VillagesPage = lazy(() => import('../features/villages/pages/villages-page'));
const UnitsPage = lazy(() => import('../features/units/pages/units-page'));
const UsersPage = lazy(() => import('../features/users/pages/users-page'));
const AuditPage = lazy(() => import('../features/audit/pages/audit-page'));
const DeputiesPage = lazy(() => import('../features/deputies/pages/deputies-page'));
const ConstituenciesPage = lazy(() => import('../features/deputies/pages/constituencies-page'));
const DeputyGroupsPage = lazy(() => import('../features/deputies/pages/groups-page'));
const PresidiumPage = lazy(() => import('../features/deputies/pages/presidium-page'));
const DutyRankingPage = lazy(() => import('../features/deputies/pages/ranking-page'));
const DutyRecordPage = lazy(() => import('../features/deputies/pages/duty-record-page'));
const MyDutyRecordPage = lazy(() => import('../features/deputies/pages/my-record-page'));
const SessionsPage = lazy(() => import('../features/sessions/pages/sessions-page'));
const SessionDetailPage = lazy(() => import('../features/sessions/pages/session-detail-page'));
const CheckinPage = lazy(() => import('../features/sessions/pages/checkin-page'));
const ArticlesPage = lazy(() => import('../features/articles/pages/articles-page'));
const ArticleEditorPage = lazy(() => import('../features/articles/pages/article-editor-page'));
const PortalCategoriesPage = lazy(() => import('../features/articles/pages/categories-page'));
const PresidiumMeetingsPage = lazy(() => import('../features/sessions/pages/presidium-meetings-page'));
const PresidiumMeetingDetailPage = lazy(() => import('../features/sessions/pages/presidium-meeting-detail-page'));
const SuggestionsPage = lazy(() => import('../features/suggestions/pages/suggestions-page'));
const SuggestionDetailPage = lazy(() => import('../features/suggestions/pages/suggestion-detail-page'));
const SuggestionStatsPage = lazy(() => import('../features/suggestions/pages/suggestion-stats-page'));
const NewSuggestionPage = lazy(() => import('../features/suggestions/pages/suggestion-form-page').then((m) => ({ default: m.NewSuggestionPage })));
const NotificationsPage = lazy(() => import('../features/notifications/pages/notifications-page'));
const EditSuggestionPage = lazy(() => import('../features/suggestions/pages/suggestion-form-page').then((m) => ({ default: m.EditSuggestionPage })));
const DutyActivitiesPage = lazy(() => import('../features/duty/pages/activities-page'));
const DutyActivityDetailPage = lazy(() => import('../features/duty/pages/activity-detail-page'));
const DutyVisitPage = lazy(() => import('../features/duty/pages/visit-page'));
const DutyOpinionsPage = lazy(() => import('../features/duty/pages/opinions-page'));
const DutyConsolidationPage = lazy(() => import('../features/duty/pages/consolidation-page'));
const DutyEvaluationsPage = lazy(() => import('../features/duty/pages/evaluations-page'));
const DutyEvaluationDetailPage = lazy(() => import('../features/duty/pages/evaluation-detail-page'));
const DutyCodesPage = lazy(() => import('../features/duty/pages/codes-page'));
const DutyMyCodePage = lazy(() => import('../features/duty/pages/my-code-page'));
const ElectionsPage = lazy(() => import('../features/elections/pages/elections-page'));
const ElectionRoundPage = lazy(() => import('../features/elections/pages/round-page'));
const VillageElectionPage = lazy(() => import('../features/elections/pages/village-election-page'));
const CountyDashboardPage = lazy(() => import('../features/county/pages/county-dashboard-page'));
const CountyNoticesPage = lazy(() => import('../features/county/pages/county-notices-page'));
const CountyNoticeDetailPage = lazy(() => import('../features/county/pages/county-notice-detail-page'));
const CountyTasksPage = lazy(() => import('../features/county/pages/county-tasks-page'));
const CountyTaskPage = lazy(() => import('../features/county/pages/county-task-page'));

const DisclosureOverviewPage = lazy(() => import('../features/disclosure/pages/overview-page'));
const DisclosureUnitPage = lazy(() => import('../features/disclosure/pages/unit-page'));
const DisclosureVillagePage = lazy(() => import('../features/disclosure/pages/village-page'));
const VillageDisclosurePage = lazy(() => import('../features/disclosure/pages/village-disclosure-page'));
const ComplaintsPage = lazy(() => import('../features/disclosure/pages/complaints-page'));
const ModelVillagesPage = lazy(() => import('../features/disclosure/pages/model-villages-page'));
const MyUnitDisclosure = lazy(() => import('../features/disclosure/pages/mine-page').then((m) => ({ default: m.MyUnitDisclosure })));
const MyVillageDisclosure = lazy(() => import('../features/disclosure/pages/mine-page').then((m) => ({ default: m.MyVillageDisclosure })));
const MyVillageModels = lazy(() => import('../features/disclosure/pages/mine-page').then((m) => ({ default: m.MyVillageModels })));
function FullPageSpin() {
  return <div className="full-page-spin"><Spin size="large" /></div>;
}

function Root() {
  return (
    <AuthProvider>
      <Suspense fallback={<FullPageSpin />}>
        <Outlet />
      </Suspense>
    </AuthProvider>
  );
}

/** Signed-in routes: to login when signed out, to the password page while a change is due. */
function RequireAuth() {
  const { me, isLoading, refresh } = useAuth();
  const location = useLocation();
  if (isLoading) return <FullPageSpin />;
  if (me === undefined) return <QueryError error={null} onRetry={() => void refresh()} />;
  if (me === null) return <Navigate to="/login" replace state={{ from: location.pathname } satisfies LoginState} />;
  if (me.user.mustChangePassword && location.pathname !== '/password') return <Navigate to="/password" replace />;
  return <Outlet />;
}

/** The password page: alone while the change is forced, inside the shell otherwise. */
function PasswordRoute() {
  const { me } = useAuth();
  if (me?.user.mustChangePassword) return <ChangePasswordPage forced />;
  return <AppShell><ChangePasswordPage /></AppShell>;
}

function RequireAbility({ ability, children }: { ability: Ability; children: ReactNode }) {
  const { can } = useAuth();
  return can(ability) ? children : <ForbiddenPage />;
}

export const router = createBrowserRouter([
  {
    element: <Root />,
    children: [
      { path: '/login', element: <LoginPage /> },
      { path: '/setup', element: <SetupPage /> },
      {
        element: <RequireAuth />,
        children: [
          { path: '/password', element: <PasswordRoute /> },
          // The phone page a deputy opens from the session's QR code: outside the shell, after sign-in.
          { path: '/checkin/:token', element: <CheckinPage /> },
          {
            element: <AppShell />,
            children: [
              { index: true, element: <DashboardPage /> },
              { path: '/township', element: <TownshipPage /> },
              { path: '/villages', element: <VillagesPage /> },
              { path: '/units', element: <UnitsPage /> },
              { path: '/users', element: <RequireAbility ability="user.manage"><UsersPage /></RequireAbility> },
              { path: '/audit', element: <RequireAbility ability="audit.read"><AuditPage /></RequireAbility> },
              { path: '/deputies', element: <RequireAbility ability="duty.read"><DeputiesPage /></RequireAbility> },
              { path: '/deputies/constituencies', element: <RequireAbility ability="duty.read"><ConstituenciesPage /></RequireAbility> },
              { path: '/deputies/groups', element: <RequireAbility ability="duty.read"><DeputyGroupsPage /></RequireAbility> },
              { path: '/deputies/presidium', element: <RequireAbility ability="duty.read"><PresidiumPage /></RequireAbility> },
              { path: '/deputies/ranking', element: <RequireAbility ability="duty.read"><DutyRankingPage /></RequireAbility> },
              { path: '/deputies/me', element: <MyDutyRecordPage /> },
              // The server decides: the deputy themselves or a duty.read role.
              { path: '/deputies/:id/record', element: <DutyRecordPage /> },
              { path: '/sessions', element: <RequireAbility ability="session.read"><SessionsPage /></RequireAbility> },
              { path: '/sessions/:id', element: <RequireAbility ability="session.read"><SessionDetailPage /></RequireAbility> },
              { path: '/presidium-meetings', element: <RequireAbility ability="presidium_meeting.read"><PresidiumMeetingsPage /></RequireAbility> },
              { path: '/presidium-meetings/:id', element: <RequireAbility ability="presidium_meeting.read"><PresidiumMeetingDetailPage /></RequireAbility> },
              { path: '/reports', element: <RequireAbility ability="report.read"><ReportsPage /></RequireAbility> },
              // Suggestions: the list scopes itself (all, a deputy's own, a unit's); the server decides each row.
              // Disclosure: the server scopes each record (a unit handler's unit, a clerk's village).
              { path: '/disclosure', element: <RequireAbility ability="disclosure.read"><DisclosureOverviewPage /></RequireAbility> },
              { path: '/disclosure/my-unit', element: <MyUnitDisclosure /> },
              { path: '/disclosure/my-village', element: <MyVillageDisclosure /> },
              { path: '/disclosure/units/:id', element: <DisclosureUnitPage /> },
              { path: '/disclosure/villages/:id', element: <DisclosureVillagePage /> },
              { path: '/disclosure/village-disclosures/:id', element: <VillageDisclosurePage /> },
              { path: '/rule-of-law/complaints', element: <RequireAbility ability="disclosure.read"><ComplaintsPage /></RequireAbility> },
              { path: '/rule-of-law/model-villages', element: <RequireAbility ability="disclosure.read"><ModelVillagesPage /></RequireAbility> },
              { path: '/rule-of-law/my-village', element: <RequireAbility ability="disclosure.village"><MyVillageModels /></RequireAbility> },
              { path: '/suggestions', element: <SuggestionsPage /> },
              { path: '/suggestions/new', element: <RequireAbility ability="suggestion.submit"><NewSuggestionPage /></RequireAbility> },
              { path: '/suggestions/stats', element: <RequireAbility ability="suggestion.read"><SuggestionStatsPage /></RequireAbility> },
              { path: '/suggestions/:id', element: <SuggestionDetailPage /> },
              { path: '/notifications', element: <NotificationsPage /> },
              { path: '/suggestions/:id/edit', element: <RequireAbility ability="suggestion.submit"><EditSuggestionPage /></RequireAbility> },
              // Duty work: lists scope themselves (the township's, or a deputy's own); the server decides each record.
              { path: '/duty/activities', element: <DutyActivitiesPage /> },
              { path: '/duty/activities/:id', element: <DutyActivityDetailPage /> },
              { path: '/duty/visit', element: <RequireAbility ability="duty.log"><DutyVisitPage /></RequireAbility> },
              { path: '/duty/opinions', element: <DutyOpinionsPage /> },
              { path: '/duty/consolidation', element: <RequireAbility ability="duty.manage"><DutyConsolidationPage /></RequireAbility> },
              { path: '/duty/evaluations', element: <DutyEvaluationsPage /> },
              { path: '/duty/evaluations/:id', element: <DutyEvaluationDetailPage /> },
              { path: '/duty/codes', element: <RequireAbility ability="duty.read"><DutyCodesPage /></RequireAbility> },
              { path: '/duty/my-code', element: <RequireAbility ability="duty.log"><DutyMyCodePage /></RequireAbility> },
              // Village committee elections: a village clerk sees their own village's election only (the server decides).
              { path: '/elections', element: <RequireAbility ability="election.read"><ElectionsPage /></RequireAbility> },
              { path: '/elections/rounds/:id', element: <RequireAbility ability="election.read"><ElectionRoundPage /></RequireAbility> },
              { path: '/elections/villages/:id', element: <RequireAbility ability="election.read"><VillageElectionPage /></RequireAbility> },
              // County level: the county office's dashboard and notices; a township office's tasks from them.
              { path: '/county', element: <RequireAbility ability="county.read"><CountyDashboardPage /></RequireAbility> },
              { path: '/county/notices', element: <RequireAbility ability="county_notice.manage"><CountyNoticesPage /></RequireAbility> },
              { path: '/county/notices/:id', element: <RequireAbility ability="county_notice.manage"><CountyNoticeDetailPage /></RequireAbility> },
              { path: '/county-tasks', element: <RequireAbility ability="county_task.report"><CountyTasksPage /></RequireAbility> },
              { path: '/county-tasks/:id', element: <RequireAbility ability="county_task.report"><CountyTaskPage /></RequireAbility> },
              // The public portal's articles: the office writes, the presidium reviews and publishes.
              { path: '/articles', element: <RequireAbility ability="article.read"><ArticlesPage /></RequireAbility> },
              { path: '/articles/categories', element: <RequireAbility ability="article.read"><PortalCategoriesPage /></RequireAbility> },
              { path: '/articles/new', element: <RequireAbility ability="article.write"><ArticleEditorPage /></RequireAbility> },
              { path: '/articles/:id', element: <RequireAbility ability="article.read"><ArticleEditorPage /></RequireAbility> },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
], { basename: '/app' });
