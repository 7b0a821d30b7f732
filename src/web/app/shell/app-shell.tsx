import {
  AlertOutlined, SafetyCertificateOutlined,
  AuditOutlined, BankOutlined, FileWordOutlined, DownOutlined, HomeOutlined, KeyOutlined, LogoutOutlined,
  ApartmentOutlined, TeamOutlined, UserOutlined, EnvironmentOutlined,
} from '@ant-design/icons';
import { Button, Dropdown, Layout, Menu, Result, Select, Spin, Tag, type MenuProps } from 'antd';
import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { DemoBanner } from '../../components/demo-banner';
import type { Ability, Role } from '../api/types';
import { useAuth } from '../auth/auth-context';
import { LanguageSwitch } from './language-switch';
import { NotificationBell } from '../../features/notifications/components/notification-bell';
// Congress sessions menu icons.
import { CalendarOutlined, ContainerOutlined, FundProjectionScreenOutlined } from '@ant-design/icons';
// Deputies menu icons.
import { ClusterOutlined, IdcardOutlined, ProfileOutlined, SolutionOutlined, TrophyOutlined, UsergroupAddOutlined } from '@ant-design/icons';
// Suggestions menu icons.
import { BarChartOutlined, EditOutlined, FileTextOutlined, UnorderedListOutlined } from '@ant-design/icons';
// Duty work menu icons.
import { CommentOutlined, FlagOutlined, FormOutlined, MergeCellsOutlined, QrcodeOutlined, ScheduleOutlined, StarOutlined } from '@ant-design/icons';
// Elections menu icon.
import { CarryOutOutlined } from '@ant-design/icons';
// County menu icons.
import { DashboardOutlined, GlobalOutlined, NotificationOutlined } from '@ant-design/icons';
// Portal articles menu icons.
import { AppstoreOutlined, ReadOutlined } from '@ant-design/icons';

interface NavItem {
  path: string;
  labelKey: string;
  icon: ReactNode;
  /** Shown only to users with this ability; none = every signed-in user of the township. */
  ability?: Ability;
  /** Shown only to users of this role (e.g. a deputy's own record). */
  role?: Role;
  /** Sub-items: the entry is a group (its path only a key), shown when any sub-item is. */
  children?: NavItem[];
}

/** The modules that exist, in menu order. */
export const NAV_ITEMS: NavItem[] = [
  {
    path: '#county', labelKey: 'county.nav.group', icon: <GlobalOutlined />, children: [
      { path: '/county', labelKey: 'county.nav.dashboard', icon: <DashboardOutlined />, ability: 'county.read' },
      { path: '/county/notices', labelKey: 'county.nav.notices', icon: <NotificationOutlined />, ability: 'county_notice.manage' },
    ],
  },
  { path: '/', labelKey: 'nav.dashboard', icon: <HomeOutlined /> },
  { path: '/township', labelKey: 'nav.township', icon: <BankOutlined /> },
  { path: '/villages', labelKey: 'nav.villages', icon: <EnvironmentOutlined /> },
  { path: '/units', labelKey: 'nav.units', icon: <ApartmentOutlined /> },
  { path: '/deputies', labelKey: 'deputies.nav.roster', icon: <IdcardOutlined />, ability: 'duty.read' },
  { path: '/deputies/constituencies', labelKey: 'deputies.nav.constituencies', icon: <ClusterOutlined />, ability: 'duty.read' },
  { path: '/deputies/groups', labelKey: 'deputies.nav.groups', icon: <UsergroupAddOutlined />, ability: 'duty.read' },
  { path: '/deputies/presidium', labelKey: 'deputies.nav.presidium', icon: <SolutionOutlined />, ability: 'duty.read' },
  { path: '/deputies/ranking', labelKey: 'deputies.nav.ranking', icon: <TrophyOutlined />, ability: 'duty.read' },
  { path: '/deputies/me', labelKey: 'deputies.nav.myRecord', icon: <ProfileOutlined />, role: 'deputy' },
  {
    path: '#sessions', labelKey: 'sessions.nav.group', icon: <CalendarOutlined />, children: [
      { path: '/sessions', labelKey: 'sessions.nav.sessions', icon: <FundProjectionScreenOutlined />, ability: 'session.read' },
      // Between sessions: the presidium's meetings (主席团会议).
      { path: '/presidium-meetings', labelKey: 'sessions.nav.meetings', icon: <ContainerOutlined />, ability: 'presidium_meeting.read' },
    ],
  },
  {
    path: '#suggestions', labelKey: 'suggestions.nav.group', icon: <FileTextOutlined />, children: [
      // One list, named for who looks: all (office, presidium), a unit's, a deputy's own.
      { path: '/suggestions', labelKey: 'suggestions.nav.list', icon: <UnorderedListOutlined />, ability: 'suggestion.read' },
      { path: '/suggestions', labelKey: 'suggestions.nav.unit', icon: <UnorderedListOutlined />, ability: 'suggestion.handle' },
      { path: '/suggestions', labelKey: 'suggestions.nav.mine', icon: <UnorderedListOutlined />, ability: 'suggestion.submit', role: 'deputy' },
      { path: '/suggestions/new', labelKey: 'suggestions.nav.new', icon: <EditOutlined />, ability: 'suggestion.submit', role: 'deputy' },
      { path: '/suggestions/stats', labelKey: 'suggestions.nav.stats', icon: <BarChartOutlined />, ability: 'suggestion.read' },
    ],
  },
  {
    path: '#duty', labelKey: 'duty.nav.group', icon: <FlagOutlined />, children: [
      // The township's (office, presidium, county) or a deputy's own: one page each, named for who looks.
      { path: '/duty/activities', labelKey: 'duty.nav.activities', icon: <ScheduleOutlined />, ability: 'duty.read' },
      { path: '/duty/activities', labelKey: 'duty.nav.myActivities', icon: <ScheduleOutlined />, ability: 'duty.log', role: 'deputy' },
      { path: '/duty/visit', labelKey: 'duty.nav.visit', icon: <FormOutlined />, ability: 'duty.log', role: 'deputy' },
      { path: '/duty/opinions', labelKey: 'duty.nav.opinions', icon: <CommentOutlined />, ability: 'duty.read' },
      { path: '/duty/opinions', labelKey: 'duty.nav.opinions', icon: <CommentOutlined />, ability: 'duty.log', role: 'deputy' },
      { path: '/duty/consolidation', labelKey: 'duty.nav.consolidation', icon: <MergeCellsOutlined />, ability: 'duty.manage' },
      { path: '/duty/evaluations', labelKey: 'duty.nav.evaluations', icon: <StarOutlined />, ability: 'duty.read' },
      { path: '/duty/evaluations', labelKey: 'duty.nav.evaluations', icon: <StarOutlined />, ability: 'duty.log', role: 'deputy' },
      { path: '/duty/codes', labelKey: 'duty.nav.codes', icon: <QrcodeOutlined />, ability: 'duty.read' },
      { path: '/duty/my-code', labelKey: 'duty.nav.myCode', icon: <QrcodeOutlined />, ability: 'duty.log', role: 'deputy' },
    ],
  },
  {
    // 依法治镇与政务村务公开: the township's lists, or one's own unit or village.
    path: '#disclosure', labelKey: 'disclosure.nav.group', icon: <SafetyCertificateOutlined />, children: [
      { path: '/disclosure', labelKey: 'disclosure.nav.overview', icon: <ProfileOutlined />, ability: 'disclosure.read' },
      { path: '/disclosure/my-unit', labelKey: 'disclosure.nav.myUnit', icon: <ProfileOutlined />, ability: 'disclosure.unit', role: 'unit_handler' },
      { path: '/disclosure/my-village', labelKey: 'disclosure.nav.myVillage', icon: <ProfileOutlined />, ability: 'disclosure.village', role: 'village_clerk' },
      { path: '/rule-of-law/complaints', labelKey: 'disclosure.nav.complaints', icon: <AlertOutlined />, ability: 'disclosure.read' },
      { path: '/rule-of-law/model-villages', labelKey: 'disclosure.nav.modelVillages', icon: <TrophyOutlined />, ability: 'disclosure.read' },
      { path: '/rule-of-law/my-village', labelKey: 'disclosure.nav.myModelVillage', icon: <TrophyOutlined />, ability: 'disclosure.village', role: 'village_clerk' },
    ],
  },
  { path: '/reports', labelKey: 'reports.nav.reports', icon: <FileWordOutlined />, ability: 'report.read' },
  {
    path: '#articles', labelKey: 'articles.nav.group', icon: <ReadOutlined />, children: [
      { path: '/articles', labelKey: 'articles.nav.list', icon: <FileTextOutlined />, ability: 'article.read' },
      { path: '/articles/categories', labelKey: 'articles.nav.categories', icon: <AppstoreOutlined />, ability: 'article.read' },
    ],
  },
  // Village committee elections (村委会换届选举).
  { path: '/elections', labelKey: 'elections.nav.rounds', icon: <CarryOutOutlined />, ability: 'election.read' },
  { path: '/county-tasks', labelKey: 'county.nav.tasks', icon: <NotificationOutlined />, ability: 'county_task.report' },
  { path: '/users', labelKey: 'nav.users', icon: <TeamOutlined />, ability: 'user.manage' },
  { path: '/audit', labelKey: 'nav.audit', icon: <AuditOutlined />, ability: 'audit.read' },
];

function selectedKey(pathname: string): string {
  // The longest path wins: /deputies/groups is its own entry, not part of /deputies.
  const match = NAV_ITEMS.flatMap((i) => i.children ?? [i]).filter((i) => i.path !== '/' && pathname.startsWith(i.path)).sort((a, b) => b.path.length - a.path.length);
  return match[0]?.path ?? '/';
}

/** The signed-in frame: menu, header with township, language and user, and the page. */
export function AppShell({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { me, township, townships, selectTownship, can, logout } = useAuth();
  if (!me) return null;

  const isVisible = (item: NavItem) => (!item.ability || can(item.ability)) && (!item.role || item.role === me.user.role);
  const menuItems: MenuProps['items'] = NAV_ITEMS.flatMap((item) => {
    if (!item.children) return isVisible(item) ? [{ key: item.path, icon: item.icon, label: t(item.labelKey) }] : [];
    const children = item.children.filter(isVisible).map((c) => ({ key: c.path, icon: c.icon, label: t(c.labelKey) }));
    return children.length ? [{ key: item.path, icon: item.icon, label: t(item.labelKey), children }] : [];
  });
  // Groups start open: their sub-items are the daily work (e.g. a deputy's 提出建议).
  const openGroups = NAV_ITEMS.filter((item) => item.children).map((item) => item.path);

  const userMenu: MenuProps['items'] = [
    { key: 'password', icon: <KeyOutlined />, label: t('app.changePassword') },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('app.logout') },
  ];

  return (
    <Layout className="app-layout">
      <Layout.Sider width={216} className="app-sider" theme="light" breakpoint="lg" collapsedWidth={64}>
        <div className="app-brand">
          <span className="app-emblem" aria-hidden>人</span>
          <span className="app-brand-text">{t('app.shortName')}</span>
        </div>
        <nav aria-label={t('app.mainMenu')}>
          <Menu
            mode="inline"
            selectedKeys={[selectedKey(location.pathname)]}
            defaultOpenKeys={openGroups}
            items={menuItems}
            onClick={({ key }) => void navigate(key)}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <div className="app-header-township">
            {townships.length > 1 && township ? (
              <Select
                aria-label={t('app.township')}
                className="township-switch"
                value={township.id}
                onChange={(id: string) => selectTownship(id)}
                options={townships.map((tw) => ({ value: tw.id, label: tw.name }))}
                popupMatchSelectWidth={false}
              />
            ) : (
              <span className="app-township-name">{township?.name}</span>
            )}
            {township ? <span className="app-township-place">{township.countyName}</span> : null}
            {township?.isDemo ? <Tag color="gold" className="demo-tag">{t('app.demoTag')}</Tag> : null}
          </div>
          <div className="app-header-actions">
            <LanguageSwitch />
            <NotificationBell />
            <Dropdown
              trigger={['click']}
              menu={{
                items: userMenu,
                onClick: ({ key }) => {
                  if (key === 'password') void navigate('/password');
                  if (key === 'logout') void logout();
                },
              }}
            >
              <Button type="text" className="app-user-button" aria-label={t('app.userMenu', { name: me.user.displayName })}>
                <UserOutlined aria-hidden />
                <span className="app-user-name">{me.user.displayName}</span>
                <span className="app-user-role">{t(`users.roles.${me.user.role}`)}</span>
                <DownOutlined aria-hidden />
              </Button>
            </Dropdown>
          </div>
        </Layout.Header>
        {township?.isDemo ? <DemoBanner townshipName={township.name} /> : null}
        <Layout.Content className="app-content">
          <main>
            {township ? (
              <Suspense fallback={<div className="page-loading"><Spin /></div>}>
                {children ?? <Outlet />}
              </Suspense>
            ) : (
              <Result status="info" title={t('common.forbiddenTitle')} subTitle={t('common.forbiddenText')} />
            )}
          </main>
        </Layout.Content>
        <Layout.Footer className="app-footer">{t('app.name')}</Layout.Footer>
      </Layout>
    </Layout>
  );
}
