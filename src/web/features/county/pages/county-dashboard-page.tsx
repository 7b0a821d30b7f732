import { Button, Card, Col, Empty, Row, Spin, Table, Tooltip, type TableColumnsType } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAuth } from '../../../app/auth/auth-context';
import { thisYear } from '../../../app/format';
import { useUrlFilters } from '../../../app/url-filters';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { YearSelect } from '../../../components/year-select';
import { useCountyDashboard } from '../api';
import { EChart, type EChartOption } from '../components/echart';
import type { TownshipRollup } from '../types';
import '../county.css';

const COLORS = ['#1677ff', '#52c41a', '#fa8c16', '#722ed1'];

/** A horizontal bar chart of some series by township (names down the side, in table order). */
function barOption(names: string[], series: { name: string; values: (number | null)[] }[], percent: boolean): EChartOption {
  return {
    color: COLORS,
    grid: { left: 8, right: 24, top: series.length > 1 ? 32 : 12, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => (v === null || v === undefined ? '—' : percent ? `${String(v)}%` : String(v)) },
    legend: series.length > 1 ? { top: 0 } : { show: false },
    xAxis: { type: 'value', ...(percent ? { max: 100, axisLabel: { formatter: '{value}%' } } : { minInterval: 1 }) },
    yAxis: { type: 'category', data: names, inverse: true, axisLabel: { width: 96, overflow: 'truncate' } },
    series: series.map((s) => ({ type: 'bar', name: s.name, data: s.values, barMaxWidth: 14, emphasis: { focus: 'series' } })),
  };
}

interface PanelProps {
  title: string;
  available?: boolean;
  names: string[];
  series: { name: string; values: (number | null)[] }[];
  percent?: boolean;
  table: ReactNode;
  onOpen: (index: number) => void;
  footnote?: string;
  testId: string;
}

/** One panel: the chart and, beside it, the same figures as a table (the accessible form). */
function Panel({ title, available = true, names, series, percent = false, table, onOpen, footnote, testId }: PanelProps) {
  const { t } = useTranslation();
  const option = useMemo(() => barOption(names, series, percent), [names, series, percent]);
  return (
    <Card title={<h2 className="county-panel-title">{title}</h2>} className="county-panel" data-testid={testId}>
      {!available ? <Empty description={t('county.dashboard.notAvailable')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> : (
        <Row gutter={[24, 16]}>
          <Col xs={24} xl={11}>
            <EChart option={option} height={Math.max(160, names.length * (series.length > 1 ? 30 : 24) + 60)} label={t('county.dashboard.chartLabel', { title })} onBarClick={onOpen} />
          </Col>
          <Col xs={24} xl={13}>{table}</Col>
        </Row>
      )}
      {available && footnote ? <p className="county-footnote">{footnote}</p> : null}
    </Card>
  );
}

const pct = (v: number | null, none: string) => (v === null ? none : `${v}%`);

/**
 * /county: the county's townships side by side for a year (县人大常委会): sessions, suggestion
 * handling, duty work, village elections and disclosure, each chart beside its table.
 */
export default function CountyDashboardPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { selectTownship } = useAuth();
  const { year: yearOf, setYear } = useUrlFilters();
  const year = yearOf(thisYear());
  const q = useCountyDashboard(year);
  const none = t('county.common.none');

  const open = (id: string) => { selectTownship(id); void navigate('/'); };

  const header = (
    <PageHeader
      title={t('county.dashboard.title')}
      extra={(
        <YearSelect value={year} onChange={setYear} className="county-year" />
      )}
    >
      <p className="page-intro">{t('county.dashboard.intro')}</p>
    </PageHeader>
  );
  if (q.isError) return <div className="county-page">{header}<QueryError error={q.error} onRetry={() => void q.refetch()} /></div>;
  if (q.isPending) return <div className="county-page">{header}<div className="page-loading"><Spin /></div></div>;
  const d = q.data;
  const rows = d.townships;
  const names = rows.map((r) => r.name);
  const nameColumn: TableColumnsType<TownshipRollup>[number] = {
    title: t('county.common.township'), dataIndex: 'name', key: 'name', fixed: 'left',
    render: (name: string, r) => (
      <Tooltip title={t('county.common.openTownship', { name })}>
        <Button type="link" className="county-township-link" onClick={() => open(r.id)}>{name}</Button>
      </Tooltip>
    ),
  };
  const tableProps = { rowKey: 'id', size: 'small' as const, pagination: false as const, scroll: { x: 'max-content', y: 420 } };
  const byId = <T extends { townshipId: string }>(list: T[]) => new Map(list.map((x) => [x.townshipId, x]));
  const elections = byId(d.elections.rows);
  const disclosure = byId(d.disclosure.rows);

  return (
    <div className="county-page">
      {header}
      <p className="county-subtitle">{t('county.dashboard.county', { name: d.countyName || d.countyCode, count: rows.length })}</p>
      {rows.length === 0 ? <Card><Empty description={t('county.dashboard.empty')} /></Card> : (
        <div className="county-panels">
          <Panel
            testId="panel-sessions" title={t('county.dashboard.sessions.title')} names={names} onOpen={(i) => open(rows[i]!.id)}
            series={[{ name: t('county.dashboard.sessions.held'), values: rows.map((r) => r.sessions.held) }, { name: t('county.dashboard.sessions.presidiumMeetings'), values: rows.map((r) => r.sessions.presidiumMeetings) }]}
            table={<Table<TownshipRollup> {...tableProps} dataSource={rows} columns={[
              nameColumn,
              { title: t('county.dashboard.sessions.held'), key: 'held', align: 'right', render: (_, r) => r.sessions.held },
              { title: t('county.dashboard.sessions.total'), key: 'total', align: 'right', render: (_, r) => r.sessions.total },
              { title: t('county.dashboard.sessions.presidiumMeetings'), key: 'pm', align: 'right', render: (_, r) => r.sessions.presidiumMeetings },
            ]} />}
          />
          <Panel
            testId="panel-suggestions" title={t('county.dashboard.suggestions.title')} names={names} percent onOpen={(i) => open(rows[i]!.id)}
            footnote={t('county.dashboard.suggestions.rateHelp')}
            series={[
              { name: t('county.dashboard.suggestions.onTimeRate'), values: rows.map((r) => r.suggestions.onTimeRate) },
              { name: t('county.dashboard.suggestions.satisfactionRate'), values: rows.map((r) => r.suggestions.satisfactionRate) },
              { name: t('county.dashboard.suggestions.implementationRate'), values: rows.map((r) => r.suggestions.implementationRate) },
            ]}
            table={<Table<TownshipRollup> {...tableProps} dataSource={rows} columns={[
              nameColumn,
              { title: t('county.dashboard.suggestions.total'), key: 'total', align: 'right', render: (_, r) => r.suggestions.total },
              { title: t('county.dashboard.suggestions.onTimeRate'), key: 'ot', align: 'right', render: (_, r) => pct(r.suggestions.onTimeRate, none) },
              { title: t('county.dashboard.suggestions.satisfactionRate'), key: 'sat', align: 'right', render: (_, r) => pct(r.suggestions.satisfactionRate, none) },
              { title: t('county.dashboard.suggestions.implementationRate'), key: 'imp', align: 'right', render: (_, r) => pct(r.suggestions.implementationRate, none) },
              { title: t('county.dashboard.suggestions.overdueOpen'), key: 'od', align: 'right', render: (_, r) => r.suggestions.overdueOpen },
            ]} />}
          />
          <Panel
            testId="panel-duty" title={t('county.dashboard.duty.title')} names={names} onOpen={(i) => open(rows[i]!.id)}
            series={[{ name: t('county.dashboard.duty.activities'), values: rows.map((r) => r.duty.activities) }, { name: t('county.dashboard.duty.voterContact'), values: rows.map((r) => r.duty.voterContactActivities) }]}
            table={<Table<TownshipRollup> {...tableProps} dataSource={rows} columns={[
              nameColumn,
              { title: t('county.dashboard.duty.activities'), key: 'a', align: 'right', render: (_, r) => r.duty.activities },
              { title: t('county.dashboard.duty.voterContact'), key: 'vc', align: 'right', render: (_, r) => r.duty.voterContactActivities },
              { title: t('county.dashboard.duty.votersContacted'), key: 'v', align: 'right', render: (_, r) => r.duty.votersContacted },
              { title: t('county.dashboard.duty.participation'), key: 'p', align: 'right', render: (_, r) => t('county.dashboard.duty.participationValue', { active: r.duty.activeDeputies, total: r.duty.deputies }) },
              { title: t('county.dashboard.duty.evaluations'), key: 'e', align: 'right', render: (_, r) => r.duty.evaluations },
            ]} />}
          />
          <Panel
            testId="panel-elections" title={t('county.dashboard.elections.title')} available={d.elections.available && d.elections.rows.length > 0} names={names} percent onOpen={(i) => open(rows[i]!.id)}
            series={[{ name: t('county.dashboard.elections.completionRate'), values: rows.map((r) => elections.get(r.id)?.completionRate ?? null) }]}
            table={<Table<TownshipRollup> {...tableProps} dataSource={rows} columns={[
              nameColumn,
              { title: t('county.dashboard.elections.villages'), key: 'v', align: 'right', render: (_, r) => elections.get(r.id)?.villages ?? 0 },
              { title: t('county.dashboard.elections.done'), key: 'd', align: 'right', render: (_, r) => elections.get(r.id)?.done ?? 0 },
              { title: t('county.dashboard.elections.runoff'), key: 'r', align: 'right', render: (_, r) => elections.get(r.id)?.runoffNeeded ?? 0 },
              { title: t('county.dashboard.elections.completionRate'), key: 'c', align: 'right', render: (_, r) => pct(elections.get(r.id)?.completionRate ?? null, none) },
            ]} />}
          />
          <Panel
            testId="panel-disclosure" title={t('county.dashboard.disclosure.title')} available={d.disclosure.available && d.disclosure.rows.some((r) => r.published > 0)} names={names} percent onOpen={(i) => open(rows[i]!.id)}
            series={[{ name: t('county.dashboard.disclosure.complianceRate'), values: rows.map((r) => disclosure.get(r.id)?.complianceRate ?? null) }]}
            table={<Table<TownshipRollup> {...tableProps} dataSource={rows} columns={[
              nameColumn,
              { title: t('county.dashboard.disclosure.villages'), key: 'v', align: 'right', render: (_, r) => disclosure.get(r.id)?.villages ?? 0 },
              { title: t('county.dashboard.disclosure.disclosed'), key: 'd', align: 'right', render: (_, r) => disclosure.get(r.id)?.disclosed ?? 0 },
              { title: t('county.dashboard.disclosure.published'), key: 'p', align: 'right', render: (_, r) => disclosure.get(r.id)?.published ?? 0 },
              { title: t('county.dashboard.disclosure.complianceRate'), key: 'c', align: 'right', render: (_, r) => pct(disclosure.get(r.id)?.complianceRate ?? null, none) },
            ]} />}
          />
        </div>
      )}
    </div>
  );
}
