import { Button, Layout as AntLayout, Menu, Select } from 'antd';
import { lazy, ReactNode, Suspense, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useI18n } from '../i18n/i18n';
import { linkWithAsOf } from './as-of';
import { NotificationBell } from '../notifications/NotificationBell';
import { HistoricalBanner } from './HistoricalBanner';
import { navFor } from './nav';
import { usePlan } from './plans';
import { useSession } from './session';
import { useAsOf } from './use-as-of';
import { UserMenu } from './UserMenu';

// The as-of picker and slider load beside the page, not before its first paint.
const AsOfControl = lazy(() => import('./AsOfControl'));

/** The frame of every signed-in page: left navigation by role, top bar (plan, as of, language, user). */
export function Layout({ children }: { children: ReactNode }) {
  const { m } = useI18n();
  const { user } = useSession();
  const { plans, plan, setPlanCode } = usePlan();
  const { asOf } = useAsOf();
  const location = useLocation();
  const items = navFor(user?.roles ?? []);
  const selected = items
    .filter((i) => (i.path === '/' ? location.pathname === '/' : location.pathname.startsWith(i.path)))
    .map((i) => i.path);
  const unitOnly = !!user && user.roles.every((r) => r === 'unit');
  // Below the md breakpoint the navigation folds away behind a ☰ button in the top bar (Ant Design's own
  // floating trigger would sit over the page's heading) and opens over the page.
  const [narrow, setNarrow] = useState(() => window.matchMedia('(max-width: 767.98px)').matches);
  const [menuOpen, setMenuOpen] = useState(false);
  return (
    <AntLayout className="shell">
      <AntLayout.Sider
        breakpoint="md"
        collapsedWidth={0}
        width={200}
        className={`shell-sider${narrow ? ' shell-sider-narrow' : ''}`}
        theme="dark"
        trigger={null}
        collapsible
        collapsed={narrow && !menuOpen}
        onBreakpoint={(broken) => {
          setNarrow(broken);
          setMenuOpen(false);
        }}
        id="main-navigation"
      >
        <div className="shell-brand">{m.appName}</div>
        <nav aria-label={m.mainNavigation}>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={selected}
            items={items.map((item) => ({
              key: item.path,
              label: <Link to={linkWithAsOf(item.path, asOf)}>{m.nav[item.label]}</Link>,
            }))}
            onClick={() => setMenuOpen(false)}
          />
        </nav>
      </AntLayout.Sider>
      <AntLayout>
        <AntLayout.Header className="shell-header">
          {narrow && (
            <Button
              aria-expanded={menuOpen}
              aria-controls="main-navigation"
              onClick={() => setMenuOpen(!menuOpen)}
              className="menu-button"
            >
              <span aria-hidden="true">☰</span> {m.menu}
            </Button>
          )}
          {/* Plan and as of: one line beside the user's controls at desktop width, a row of their own on a phone. */}
          {!unitOnly && (
            <div className="shell-tools">
              {plans.length > 0 && (
                <Select
                  aria-label={m.plan}
                  className="plan-select"
                  value={plan?.code}
                  onChange={setPlanCode}
                  options={plans.map((p) => ({ value: p.code, label: `${p.year} · ${p.title}` }))}
                  popupMatchSelectWidth={false}
                />
              )}
              <Suspense fallback={<span className="as-of-label">{m.asOf}</span>}>
                <AsOfControl />
              </Suspense>
            </div>
          )}
          <div className="shell-user">
            <NotificationBell />
            <UserMenu />
          </div>
        </AntLayout.Header>
        <AntLayout.Content className="shell-content">
          <main>
            <HistoricalBanner />
            {children}
          </main>
        </AntLayout.Content>
      </AntLayout>
    </AntLayout>
  );
}
