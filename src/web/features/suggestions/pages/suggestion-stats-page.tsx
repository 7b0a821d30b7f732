import { ArrowLeftOutlined, FileWordOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Progress, Row, Space, Statistic, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTownship } from '../../../app/auth/auth-context';
import { thisYear } from '../../../app/format';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { YearSelect } from '../../../components/year-select';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { downloadHandlingReport, useSuggestionStats } from '../api';
import { percent } from '../format';
import type { GroupStats, UnitStats } from '../types';
import '../suggestions.css';

/** A rate as a bar with the figures behind it (n of d). */
function Rate({ rate, n, d, label }: { rate: number | null; n: number; d: number; label: string }) {
  const { t } = useTranslation();
  const p = percent(rate);
  if (p === null) return <span className="sg-muted">—</span>;
  const color = p >= 90 ? '#2f7d1f' : p >= 70 ? '#ad6800' : '#c4151c';
  return (
    <div className="sg-rate" aria-label={`${label} ${p}%（${t('suggestions.stats.rateOf', { n, d })}）`}>
      <Progress percent={p} size="small" strokeColor={color} format={(v) => `${v}%`} />
      <span className="sg-muted sg-rate-of">{t('suggestions.stats.rateOf', { n, d })}</span>
    </div>
  );
}

/** A year's suggestions grouped by kind, category or state: count, assigned, replied, closed, overdue. */
function GroupTable({ title, header, rows, labelOf, testId }: { title: string; header: string; rows: GroupStats[]; labelOf: (g: GroupStats) => string; testId: string }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<GroupStats> = [
    { title: header, key: 'label', render: (_, g) => labelOf(g) },
    { title: t('suggestions.stats.received'), dataIndex: 'count', width: 64, align: 'right' },
    { title: t('suggestions.stats.assigned'), dataIndex: 'assigned', width: 64, align: 'right' },
    { title: t('suggestions.stats.replied'), dataIndex: 'replied', width: 72, align: 'right' },
    { title: t('suggestions.stats.closed'), dataIndex: 'closed', width: 72, align: 'right' },
    { title: t('suggestions.stats.overdueNow'), dataIndex: 'overdueNow', width: 80, align: 'right', render: (v: number) => (v > 0 ? <span className="sg-overdue-text">{v}</span> : v) },
  ];
  return (
    <Card size="small" title={title} className="sg-section" data-testid={testId}>
      <Table<GroupStats> rowKey="key" size="small" columns={columns} dataSource={rows} pagination={false} scroll={{ x: 440 }}
        locale={{ emptyText: <Empty description={t('suggestions.stats.noData')} /> }} />
    </Card>
  );
}

/** /suggestions/stats: per-unit handling figures of a year, with the township's totals. */
export default function SuggestionStatsPage() {
  const { t } = useTranslation();
  const township = useTownship();
  const [year, setYear] = useState(thisYear);
  const stats = useSuggestionStats(township.id, year);
  const total = stats.data?.total;
  const { message } = App.useApp();
  const report = useErrorReporter();
  const [downloading, setDownloading] = useState(false);
  const onReport = async () => {
    setDownloading(true);
    try {
      await downloadHandlingReport(township.id, year);
      void message.success(t('suggestions.stats.reportDone'));
    } catch (err) {
      report(err);
    } finally {
      setDownloading(false);
    }
  };

  const columns: TableColumnsType<UnitStats> = [
    { title: t('suggestions.stats.unit'), dataIndex: 'unitName', fixed: 'left', width: 150, render: (v: string, r) => (r.unitId === '__total' ? <strong>{v}</strong> : v) },
    { title: t('suggestions.stats.assigned'), dataIndex: 'assigned', width: 64, align: 'right' },
    { title: t('suggestions.stats.coAssigned'), dataIndex: 'coAssigned', width: 64, align: 'right' },
    { title: t('suggestions.stats.replied'), dataIndex: 'replied', width: 72, align: 'right' },
    { title: t('suggestions.stats.repliedOnTime'), dataIndex: 'repliedOnTime', width: 80, align: 'right' },
    {
      title: t('suggestions.stats.overdueNow'), dataIndex: 'overdueNow', width: 80, align: 'right',
      render: (v: number) => (v > 0 ? <span className="sg-overdue-text">{v}</span> : v),
    },
    {
      title: t('suggestions.stats.onTimeRate'), key: 'onTime', width: 150,
      render: (_, r) => <Rate rate={r.onTimeRate} n={r.repliedOnTime} d={r.replied + r.overdueNow} label={t('suggestions.stats.onTimeRate')} />,
    },
    {
      title: t('suggestions.stats.satisfactionRate'), key: 'satisfaction', width: 150,
      render: (_, r) => <Rate rate={r.satisfactionRate} n={r.satisfied} d={r.withFeedback} label={t('suggestions.stats.satisfactionRate')} />,
    },
    {
      title: t('suggestions.stats.implementationRate'), key: 'implementation', width: 150,
      render: (_, r) => <Rate rate={r.implementationRate} n={r.implemented} d={r.promised} label={t('suggestions.stats.implementationRate')} />,
    },
    {
      title: t('suggestions.stats.grades'), key: 'grades', width: 140,
      render: (_, r) => <span className="sg-grades">{r.grades.A} / {r.grades.B} / {r.grades.C} / {r.grades.D}</span>,
    },
  ];

  const rows = stats.data ? [...stats.data.units].sort((a, b) => b.assigned - a.assigned || a.unitName.localeCompare(b.unitName, 'zh-CN')) : [];
  const withTotal = stats.data && rows.length ? [...rows, { ...stats.data.total, unitId: '__total', unitName: t('suggestions.stats.total') }] : rows;

  return (
    <div className="sg-page">
      <Link to="/suggestions" className="sg-back"><ArrowLeftOutlined aria-hidden /> {t('suggestions.stats.back')}</Link>
      <PageHeader
        title={t('suggestions.stats.title')}
        extra={(
          <Space wrap>
            <YearSelect value={year} onChange={setYear} className="sg-filter-year" />
            <Button icon={<FileWordOutlined aria-hidden />} loading={downloading} onClick={() => void onReport()}>{t('suggestions.stats.report')}</Button>
          </Space>
        )}
      >
        <p className="page-intro">{t('suggestions.stats.intro')}</p>
      </PageHeader>
      {stats.isError ? <QueryError error={stats.error} onRetry={() => void stats.refetch()} /> : (
        <>
          <Row gutter={[16, 16]} className="sg-stat-row">
            <Col xs={12} md={8} xl={4}><Card size="small" className="stat-card"><Statistic loading={!total} title={t('suggestions.stats.totalAssigned')} value={total?.assigned ?? 0} /></Card></Col>
            <Col xs={12} md={8} xl={4}><Card size="small" className="stat-card"><Statistic loading={!total} title={t('suggestions.stats.totalReplied')} value={total?.replied ?? 0} /></Card></Col>
            <Col xs={12} md={8} xl={4}>
              <Card size="small" className="stat-card sg-stat-overdue">
                <Statistic loading={!total} title={t('suggestions.stats.totalOverdue')} value={total?.overdueNow ?? 0} />
              </Card>
            </Col>
            <Col xs={12} md={8} xl={4}><Card size="small" className="stat-card"><Statistic loading={!total} title={t('suggestions.stats.onTimeRate')} value={percent(total?.onTimeRate ?? null) ?? '—'} suffix={total?.onTimeRate != null ? '%' : undefined} /></Card></Col>
            <Col xs={12} md={8} xl={4}><Card size="small" className="stat-card"><Statistic loading={!total} title={t('suggestions.stats.satisfactionRate')} value={percent(total?.satisfactionRate ?? null) ?? '—'} suffix={total?.satisfactionRate != null ? '%' : undefined} /></Card></Col>
            <Col xs={12} md={8} xl={4}><Card size="small" className="stat-card"><Statistic loading={!total} title={t('suggestions.stats.implementationRate')} value={percent(total?.implementationRate ?? null) ?? '—'} suffix={total?.implementationRate != null ? '%' : undefined} /></Card></Col>
          </Row>
          <Card className="sg-section">
            <Table<UnitStats>
              rowKey="unitId"
              size="middle"
              loading={stats.isPending}
              columns={columns}
              dataSource={withTotal}
              pagination={false}
              scroll={{ x: 1100 }}
              rowClassName={(r) => (r.unitId === '__total' ? 'sg-total-row' : '')}
              locale={{ emptyText: <Empty description={t('suggestions.stats.noData')} /> }}
            />
          </Card>
          {stats.data ? (
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={8}>
                <GroupTable title={t('suggestions.stats.byKind')} header={t('suggestions.stats.groupKind')} rows={stats.data.byKind} testId="stats-by-kind"
                  labelOf={(g) => t(`suggestions.kinds.${g.key}`)} />
              </Col>
              <Col xs={24} xl={8}>
                <GroupTable title={t('suggestions.stats.byCategory')} header={t('suggestions.stats.groupCategory')} rows={stats.data.byCategory} testId="stats-by-category"
                  labelOf={(g) => (g.key ? g.label : t('suggestions.stats.uncategorized'))} />
              </Col>
              <Col xs={24} xl={8}>
                <GroupTable title={t('suggestions.stats.byState')} header={t('suggestions.stats.groupState')} rows={stats.data.byState} testId="stats-by-state"
                  labelOf={(g) => t(`suggestions.states.${g.key}`)} />
              </Col>
            </Row>
          ) : null}
        </>
      )}
    </div>
  );
}
