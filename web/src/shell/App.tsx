import { Skeleton } from 'antd';
import { lazy, ReactNode, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { DashboardPage } from '../dashboard/DashboardPage';
import { Forbidden, NotFoundPage } from './Forbidden';
import { Layout } from './Layout';
import { LoginPage } from './LoginPage';
import { rolesOf } from './nav';
import { landingPath, useSession } from './session';

// Pages beyond the first are split into their own bundles (the dashboard is the first page most users see).
const TargetsPage = lazy(() => import('../targets/TargetsPage'));
const ReportPage = lazy(() => import('../reporting/ReportPage'));
const TargetPage = lazy(() => import('../targets/TargetPage'));
const InboxPage = lazy(() => import('../notifications/InboxPage'));
const ChannelsPage = lazy(() => import('../notifications/ChannelsPage'));
const NotificationSettingsPage = lazy(() => import('../notifications/NotificationSettingsPage'));
const BulletinsPage = lazy(() => import('../bulletins/BulletinsPage'));
const BulletinPage = lazy(() => import('../bulletins/BulletinPage'));
const ImportsPage = lazy(() => import('../imports/ImportsPage'));
const WarningsPage = lazy(() => import('../warnings/WarningsPage'));
const AuditPage = lazy(() => import('../audit/AuditPage'));
const ReconciliationPage = lazy(() => import('../reconciliation/ReconciliationPage'));
const UsersPage = lazy(() => import('../users/UsersPage'));
const PlansPage = lazy(() => import('../plans/PlansPage'));

/** A signed-in page for the roles of its navigation entry; 无权访问 for any other role. */
function Guarded({ path, children }: { path: string; children: ReactNode }) {
  const { user, hasRole } = useSession();
  const location = useLocation();
  if (!user) return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  const roles = rolesOf(path);
  if (path === '/' && !hasRole(...roles)) return <Navigate to={landingPath(user)} replace />;
  return (
    <Layout>
      {roles.length && !hasRole(...roles) ? (
        <Forbidden />
      ) : (
        <Suspense fallback={<Skeleton active />}>{children}</Suspense>
      )}
    </Layout>
  );
}

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        path="/"
        element={
          <Guarded path="/">
            <DashboardPage />
          </Guarded>
        }
      />
      <Route
        path="/targets"
        element={
          <Guarded path="/targets">
            <TargetsPage />
          </Guarded>
        }
      />
      <Route
        path="/targets/:id"
        element={
          <Guarded path="/targets/:id">
            <TargetPage />
          </Guarded>
        }
      />
      <Route
        path="/report"
        element={
          <Guarded path="/report">
            <ReportPage />
          </Guarded>
        }
      />
      <Route
        path="/inbox"
        element={
          <Guarded path="/inbox">
            <InboxPage />
          </Guarded>
        }
      />
      <Route
        path="/channels"
        element={
          <Guarded path="/channels">
            <ChannelsPage />
          </Guarded>
        }
      />
      <Route
        path="/notification-settings"
        element={
          <Guarded path="/notification-settings">
            <NotificationSettingsPage />
          </Guarded>
        }
      />
      <Route
        path="/bulletins"
        element={
          <Guarded path="/bulletins">
            <BulletinsPage />
          </Guarded>
        }
      />
      <Route
        path="/bulletins/:id"
        element={
          <Guarded path="/bulletins">
            <BulletinPage />
          </Guarded>
        }
      />
      <Route
        path="/imports"
        element={
          <Guarded path="/imports">
            <ImportsPage />
          </Guarded>
        }
      />
      <Route
        path="/warnings"
        element={
          <Guarded path="/warnings">
            <WarningsPage />
          </Guarded>
        }
      />
      <Route
        path="/audit"
        element={
          <Guarded path="/audit">
            <AuditPage />
          </Guarded>
        }
      />
      <Route
        path="/reconciliation"
        element={
          <Guarded path="/reconciliation">
            <ReconciliationPage />
          </Guarded>
        }
      />
      <Route
        path="/users"
        element={
          <Guarded path="/users">
            <UsersPage />
          </Guarded>
        }
      />
      <Route
        path="/plans"
        element={
          <Guarded path="/plans">
            <PlansPage />
          </Guarded>
        }
      />
      <Route
        path="*"
        element={
          <Guarded path="*">
            <NotFoundPage />
          </Guarded>
        }
      />
    </Routes>
  );
}
