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
              // Suggestions: the list scopes itself (all, a deputy's own, a unit's); the server decides each row.
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
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
], { basename: '/app' });
