import { Alert, Card, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentLanguage } from '../../../app/i18n';
import { useTownship } from '../../../app/auth/auth-context';
import { thisYear } from '../../../app/format';
import { useUrlFilters } from '../../../app/url-filters';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { YearSelect } from '../../../components/year-select';
import { useOverview } from '../api';
import { CarryOverTag, PeriodTag } from '../components/parts';

/** 公开情况: enforcement boards (and who lacks one), government and school affairs, village periods with the overdue ones. */
export default function DisclosureOverviewPage() {
  const { t } = useTranslation();
  const township = useTownship();
  const { year: yearOf, setYear } = useUrlFilters();
  const year = yearOf(thisYear());
  const q = useOverview(township.id, year);
  const o = q.data;
  const en = currentLanguage() === 'en-US';

  const unitTabs = o ? [
    {
      key: 'enforcement', label: t('disclosure.overview.tabs.enforcement'), children: (
        <>
          {o.lackingBoard.length
            ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('disclosure.overview.lacking', { count: o.lackingBoard.length })} description={o.lackingBoard.map((u) => u.unitName).join('、')} />
            : o.enforcementUnits.length ? <Alert type="success" showIcon style={{ marginBottom: 12 }} title={t('disclosure.overview.allHaveBoards')} /> : null}
          <Table rowKey="unitId" pagination={false} dataSource={o.enforcementUnits} columns={[
            { title: t('disclosure.overview.unit'), key: 'unit', render: (_, u) => <Link to={`/disclosure/units/${u.unitId}`}>{u.unitName}</Link> },
            { title: t('disclosure.overview.current'), key: 'current', render: (_, u) => u.current ? t('disclosure.overview.version', { version: u.current.version }) : <Tag color="red">{t('disclosure.overview.noBoard')}</Tag> },
            { title: t('disclosure.overview.publishedOn'), key: 'pub', render: (_, u) => u.current?.publishedOn ?? '—' },
            { title: t('disclosure.overview.lastChecked'), key: 'chk', render: (_, u) => u.current?.lastCheckedOn ?? '—' },
            { title: t('disclosure.status.draft'), key: 'draft', render: (_, u) => u.draftId ? <Tag color="gold">{t('disclosure.overview.draftOpen')}</Tag> : '—' },
          ]} />
        </>
      ),
    },
    ...(['government', 'schools'] as const).map((k) => ({
      key: k, label: t(`disclosure.overview.tabs.${k}`), children: (
        <Table rowKey="unitId" pagination={false} dataSource={k === 'government' ? o.governmentUnits : o.schools} columns={[
          { title: t('disclosure.overview.unit'), key: 'unit', render: (_, u) => <Link to={`/disclosure/units/${u.unitId}`}>{u.unitName}</Link> },
          { title: t('disclosure.overview.published'), dataIndex: 'published', width: 100 },
          { title: t('disclosure.status.draft'), dataIndex: 'drafts', width: 100 },
          { title: t('disclosure.overview.latest'), key: 'latest', render: (_, u) => u.latestPublishedOn ?? <Tag color="orange">{t('disclosure.status.missing')}</Tag> },
        ]} />
      ),
    })),
  ] : [];
  const villageTab = o ? {
    key: 'villages', label: t('disclosure.overview.tabs.villages'), children: (
      <Table rowKey="villageId" pagination={false} dataSource={o.villages} scroll={{ x: true }} columns={[
        { title: t('disclosure.overview.village'), key: 'v', fixed: 'left', render: (_, v) => <Link to={`/disclosure/villages/${v.villageId}?year=${year}`}>{v.villageName}</Link> },
        ...(o.villages[0]?.periods ?? []).map((p, i) => ({
          title: en ? p.labelEn : p.label, key: p.start,
          render: (_: unknown, v: (typeof o.villages)[number]) => {
            const period = v.periods[i]!;
            return period.disclosureId
              ? <><Link to={`/disclosure/village-disclosures/${period.disclosureId}`}><PeriodTag period={period} /></Link><CarryOverTag period={period} /></>
              : <PeriodTag period={period} />;
          },
        })),
        { title: t('disclosure.overview.overdueCount'), dataIndex: 'overdue', width: 90, render: (n: number) => n ? <Tag color="red">{n}</Tag> : t('disclosure.overview.none') },
        { title: t('disclosure.overview.carryOverCount'), dataIndex: 'carryOverBroken', width: 110, render: (n: number) => n ? <Tag color="warning">{n}</Tag> : t('disclosure.overview.none') },
      ]} />
    ),
  } : null;
  const tabs = [...unitTabs.filter(() => o!.enforcementUnits.length + o!.governmentUnits.length + o!.schools.length > 0), ...(villageTab && o!.villages.length ? [villageTab] : [])];

  return (
    <>
      <PageHeader title={t('disclosure.overview.title')} extra={<YearSelect value={year} onChange={setYear} />}>
        {o ? <p className="page-intro">{t('disclosure.overview.intro', { period: t(`disclosure.overview.${o.periodKind}`), days: o.graceDays })}</p> : null}
      </PageHeader>
      {q.error ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : (
        <Card loading={q.isPending}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Tabs items={tabs} />
            <Typography.Link href={`/t/${township.code}/gk/`} target="_blank" rel="noopener">{t('disclosure.overview.portal')}</Typography.Link>
          </Space>
        </Card>
      )}
    </>
  );
}
