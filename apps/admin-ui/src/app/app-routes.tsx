import { lazy } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { RequireSession } from '../features/auth/components/require-session';
import { AppLayout } from './app-layout';
import { loadDashboardPage, loadHostsPage } from './route-prefetch';

// One chunk per page, so the first page loads only its own code (the ≤ 300 KB budget of bench/ui).
const LoginPage = lazy(() => import('../features/auth/components/login.page'));
const ForgotPasswordPage = lazy(() => import('../features/auth/components/forgot-password.page'));
const ResetPasswordPage = lazy(() => import('../features/auth/components/reset-password.page'));
const InvitePage = lazy(() => import('../features/auth/components/invite.page'));
const MfaPage = lazy(() => import('../features/auth/components/mfa.page'));
const SetupPage = lazy(() => import('../features/auth/components/setup.page'));
const EmailChangePage = lazy(() => import('../features/auth/components/email-change.page'));
const AccountPage = lazy(() => import('../features/auth/components/account.page'));
const DashboardPage = lazy(loadDashboardPage);
const HostsPage = lazy(loadHostsPage);
const HostDetailsPage = lazy(() => import('../features/hosts/components/host-details.page'));
const LiveQueryPage = lazy(() => import('../features/live-query/components/live-query.page'));
const QueriesPage = lazy(() => import('../features/queries/components/queries.page'));
const QueryEditorPage = lazy(() => import('../features/queries/components/query-editor.page'));
const QueryReportPage = lazy(() => import('../features/queries/components/query-report.page'));
const PoliciesPage = lazy(() => import('../features/policies/components/policies.page'));
const PolicyEditorPage = lazy(() => import('../features/policies/components/policy-editor.page'));
const LabelsPage = lazy(() => import('../features/labels/components/labels.page'));
const LabelEditorPage = lazy(() => import('../features/labels/components/label-editor.page'));
const TeamsPage = lazy(() => import('../features/teams/components/teams.page'));
const TeamPage = lazy(() => import('../features/teams/components/team.page'));
const UsersPage = lazy(() => import('../features/users/components/users.page'));
const SettingsPage = lazy(() => import('../features/settings/components/settings.page'));
const ActivityPage = lazy(() => import('../features/activities/components/activity.page'));
const SoftwarePage = lazy(() => import('../features/software/components/software.page'));
const SoftwareTitlePage = lazy(() => import('../features/software/components/software-title.page'));
const OsVersionsPage = lazy(() => import('../features/software/components/os-versions.page'));
const VulnerabilitiesPage = lazy(() => import('../features/software/components/vulnerabilities.page'));
const VulnerabilityPage = lazy(() => import('../features/software/components/vulnerability.page'));
const NotFoundPage = lazy(() => import('./not-found.page'));

/** `/hosts?status=online` → `/hosts/manage?status=online` (Fleet's URL of the host list). */
function ToHostList() {
  const { search } = useLocation();
  return <Navigate to={`/hosts/manage${search}`} replace />;
}

/**
 * The UI's pages. The server answers index.html for every path under server.url_prefix that is not an API,
 * agent or asset path, so each of these URLs can be reloaded or shared.
 */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/setup" element={<SetupPage />} />
      <Route path="/login" element={<LoginPage />} />
      <Route path="/login/forgot" element={<ForgotPasswordPage />} />
      <Route path="/login/reset" element={<ResetPasswordPage />} />
      <Route path="/login/invites/:token" element={<InvitePage />} />
      <Route path="/login/ssoinvites/:token" element={<InvitePage />} />
      <Route path="/login/mfa/:token" element={<MfaPage />} />
      <Route element={<RequireSession><AppLayout /></RequireSession>}>
        <Route index element={<Navigate to="/dashboard" replace />} />
        <Route path="/dashboard" element={<DashboardPage />} />
        <Route path="/hosts" element={<ToHostList />} />
        <Route path="/hosts/manage" element={<HostsPage />} />
        <Route path="/hosts/:id/:tab?" element={<HostDetailsPage />} />
        <Route path="/live-query" element={<LiveQueryPage />} />
        <Route path="/queries" element={<QueriesPage />} />
        <Route path="/queries/:id" element={<QueryEditorPage />} />
        <Route path="/queries/:id/report" element={<QueryReportPage />} />
        <Route path="/policies" element={<PoliciesPage />} />
        <Route path="/policies/:id" element={<PolicyEditorPage />} />
        <Route path="/labels" element={<LabelsPage />} />
        <Route path="/labels/:id" element={<LabelEditorPage />} />
        <Route path="/teams" element={<TeamsPage />} />
        <Route path="/teams/:id/:tab?" element={<TeamPage />} />
        <Route path="/users" element={<UsersPage />} />
        <Route path="/settings/:tab?" element={<SettingsPage />} />
        <Route path="/activity" element={<ActivityPage />} />
        <Route path="/email/change/:token" element={<EmailChangePage />} />
        <Route path="/profile" element={<AccountPage />} />
        <Route path="/software" element={<SoftwarePage />} />
        <Route path="/software/titles/:id" element={<SoftwareTitlePage />} />
        <Route path="/software/os" element={<OsVersionsPage />} />
        <Route path="/vulnerabilities" element={<VulnerabilitiesPage />} />
        <Route path="/vulnerabilities/:cve" element={<VulnerabilityPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
