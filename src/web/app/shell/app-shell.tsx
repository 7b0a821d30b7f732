import {
  AuditOutlined, BankOutlined, DownOutlined, HomeOutlined, KeyOutlined, LogoutOutlined,
  ApartmentOutlined, TeamOutlined, UserOutlined, EnvironmentOutlined,
} from '@ant-design/icons';
import { Button, Dropdown, Layout, Menu, Result, Select, Spin, Tag, type MenuProps } from 'antd';
import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { DemoBanner } from '../../components/demo-banner';
import type { Ability } from '../api/types';
import { useAuth } from '../auth/auth-context';
import { LanguageSwitch } from './language-switch';

interface NavItem {
  path: string;
  labelKey: string;
  icon: ReactNode;
  /** Shown only to users with this ability; none = every signed-in user of the township. */
  ability?: Ability;
}

/** The modules that exist, in menu order. */
export const NAV_ITEMS: NavItem[] = [
  { path: '/', labelKey: 'nav.dashboard', icon: <HomeOutlined /> },
  { path: '/township', labelKey: 'nav.township', icon: <BankOutlined /> },
  { path: '/villages', labelKey: 'nav.villages', icon: <EnvironmentOutlined /> },
  { path: '/units', labelKey: 'nav.units', icon: <ApartmentOutlined /> },
  { path: '/users', labelKey: 'nav.users', icon: <TeamOutlined />, ability: 'user.manage' },
  { path: '/audit', labelKey: 'nav.audit', icon: <AuditOutlined />, ability: 'audit.read' },
];

function selectedKey(pathname: string): string {
  const match = NAV_ITEMS.filter((i) => i.path !== '/' && pathname.startsWith(i.path));
  return match[0]?.path ?? '/';
}

/** The signed-in frame: menu, header with township, language and user, and the page. */
export function AppShell({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { me, township, townships, selectTownship, can, logout } = useAuth();
  if (!me) return null;

  const menuItems: MenuProps['items'] = NAV_ITEMS
    .filter((item) => !item.ability || can(item.ability))
    .map((item) => ({ key: item.path, icon: item.icon, label: t(item.labelKey) }));

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
