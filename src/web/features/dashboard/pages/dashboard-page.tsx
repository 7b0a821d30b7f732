import { ApartmentOutlined, EnvironmentOutlined, NumberOutlined, SafetyCertificateOutlined, SolutionOutlined, TeamOutlined } from '@ant-design/icons';
import { Card, Col, Row, Skeleton, Statistic } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth, useTownship } from '../../../app/auth/auth-context';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { TownshipDescriptions } from '../../township/components/township-descriptions';
import { useDashboard } from '../api';

const ICONS: Record<string, ReactNode> = {
  villages: <EnvironmentOutlined />,
  units: <ApartmentOutlined />,
  enforcementUnits: <SafetyCertificateOutlined />,
  users: <TeamOutlined />,
  deputies: <SolutionOutlined />,
};

/** Home: the township's real figures, one card per key the server sends. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const township = useTownship();
  const dashboard = useDashboard(township.id);

  return (
    <>
      <PageHeader title={t('dashboard.title')}>
        <p className="page-intro">{t('dashboard.welcome', { name: me?.user.displayName ?? '' })}</p>
      </PageHeader>
      {dashboard.isError ? (
        <QueryError error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : (
        <Row gutter={[16, 16]}>
          {dashboard.isPending
            ? [0, 1, 2, 3].map((i) => <Col key={i} xs={24} sm={12} xl={6}><Card><Skeleton active paragraph={{ rows: 1 }} /></Card></Col>)
            : Object.entries(dashboard.data.counts).map(([key, value]) => (
              <Col key={key} xs={24} sm={12} xl={6}>
                <Card className="stat-card" data-testid={`count-${key}`}>
                  <Statistic
                    title={t(`dashboard.counts.${key}`, { defaultValue: key })}
                    value={value}
                    prefix={<span aria-hidden>{ICONS[key] ?? <NumberOutlined />}</span>}
                  />
                </Card>
              </Col>
            ))}
        </Row>
      )}
      <Card title={t('dashboard.townshipInfo')} style={{ marginTop: 16 }}>
        <TownshipDescriptions township={township} />
      </Card>
    </>
  );
}
