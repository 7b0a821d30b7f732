import { FormOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Grid, Input, List, Select, Table, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth, useTownship } from '../../../app/auth/auth-context';
import { thisYear } from '../../../app/format';
import { useUrlFilters } from '../../../app/url-filters';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { ForbiddenPage } from '../../../components/status-pages';
import { YearSelect } from '../../../components/year-select';
import { useActivities } from '../api';
import { ActivityFormDrawer } from '../components/activity-form-drawer';
import { KindTag } from '../components/tags';
import { ACTIVITY_KINDS, type ActivityFilters, type ActivityKind, type ActivitySummary } from '../types';
import { DeputyFilter } from '../components/filters';
import '../duty.css';

const PAGE_SIZE = 20;

/** The participants' names, the first few and how many more. */
function names(t: TFunction, a: ActivitySummary, max = 4): string {
  const list = a.participants.map((p) => p.name);
  const sep = t('duty.common.listSeparator');
  return list.length > max ? t('duty.activities.andMore', { names: list.slice(0, max).join(sep), count: list.length }) : list.join(sep);
}

/**
 * /duty/activities: duty activities (履职活动) by year, kind, deputy and county notice. The
 * office sees the township's, a deputy those they took part in.
 */
export default function ActivitiesPage() {
  const { t, i18n } = useTranslation();
  const { can, me } = useAuth();
  const township = useTownship();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const isPhone = screens.md === false;
  const { params, page, update, yearOrAll, setYear } = useUrlFilters();
  const isAll = can('duty.read') || can('duty.manage');
  const canCreate = can('duty.manage') || can('duty.log');
  const year = yearOrAll(thisYear());
  const kind = ACTIVITY_KINDS.find((k) => k === params.get('kind'));
  const filters: ActivityFilters = {
    ...(year ? { year } : {}), ...(kind ? { kind } : {}),
    ...(params.get('deputy') ? { deputyId: params.get('deputy')! } : {}), ...(params.get('notice') ? { countyNotice: params.get('notice')! } : {}),
  };
  const [notice, setNotice] = useState(filters.countyNotice ?? '');
  const [creating, setCreating] = useState(false);
  const list = useActivities(township.id, filters, page, PAGE_SIZE);
  const w = (zh: number, en: number) => (i18n.language === 'en-US' ? en : zh);

  const columns = useMemo<TableColumnsType<ActivitySummary>>(() => [
    { title: t('duty.fields.heldOn'), dataIndex: 'heldOn', width: 108 },
    { title: t('duty.fields.kind'), dataIndex: 'kind', width: w(120, 150), render: (k: ActivityKind) => <KindTag kind={k} /> },
    { title: t('duty.fields.title'), dataIndex: 'title', render: (_, a) => <Link to={`/duty/activities/${a.id}`} className="duty-title-link">{a.title}</Link> },
    { title: t('duty.fields.place'), dataIndex: 'place', width: 150 },
    { title: t('duty.fields.participants'), key: 'participants', width: 190, render: (_, a) => names(t, a) || '—' },
    { title: t('duty.fields.votersContacted'), dataIndex: 'votersContacted', width: w(80, 110), align: 'right' },
    { title: t('duty.fields.opinionCount'), dataIndex: 'opinionCount', width: w(80, 100), align: 'right' },
    { title: t('duty.fields.organiser'), key: 'organiser', width: w(110, 140), render: (_, a) => (a.countyNotice ?? t(`duty.organisers.${a.organiser}`)) },
  ], [t, i18n.language]);

  if (!isAll && !can('duty.log')) return <ForbiddenPage />;

  const pagination = {
    current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, hideOnSinglePage: true,
    onChange: (p: number) => update({ page: String(p) }, true),
  };

  return (
    <div className="duty-page">
      <PageHeader
        title={t('duty.activities.title')}
        extra={(
          <>
            {me?.user.role === 'deputy' && can('duty.log') ? <Button icon={<FormOutlined aria-hidden />} onClick={() => void navigate('/duty/visit')}>{t('duty.nav.visit')}</Button> : null}
            {canCreate ? <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>{t('duty.activities.create')}</Button> : null}
          </>
        )}
      >
        <p className="page-intro">{t(isAll ? 'duty.activities.introAll' : 'duty.activities.introMine')}</p>
      </PageHeader>
      <Card>
        <div role="search" className="duty-filters" aria-label={t('duty.common.filters')}>
          <YearSelect allowAll value={year ?? null} onChange={setYear} className="duty-filter-year" />
          <Select<ActivityKind>
            allowClear
            aria-label={t('duty.fields.kind')}
            placeholder={t('duty.fields.kind')}
            value={kind}
            onChange={(v) => update({ kind: v ?? null })}
            className="duty-filter-kind"
            options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`duty.kinds.${k}`) }))}
          />
          {isAll ? <DeputyFilter townshipId={township.id} value={filters.deputyId} onChange={(id) => update({ deputy: id })} /> : null}
          <Input.Search
            allowClear
            aria-label={t('duty.fields.countyNotice')}
            placeholder={t('duty.activities.noticePlaceholder')}
            value={notice}
            maxLength={60}
            onChange={(e) => setNotice(e.target.value)}
            onSearch={(v) => update({ notice: v.trim() })}
            className="duty-filter-search"
          />
        </div>
        <div className="duty-list-summary" aria-live="polite">{list.data ? t('duty.common.count', { count: list.data.total }) : null}</div>
        {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : isPhone ? (
          <List<ActivitySummary>
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: <Empty description={t('duty.activities.empty')} /> }}
            pagination={list.data && list.data.total > PAGE_SIZE ? { ...pagination, simple: true, align: 'center' } : false}
            renderItem={(a) => (
              <List.Item key={a.id} className="duty-card-item">
                <Link to={`/duty/activities/${a.id}`} className="duty-card duty-card-link">
                  <span className="duty-card-top"><span className="duty-muted duty-small">{a.heldOn}</span><KindTag kind={a.kind} /></span>
                  <span className="duty-card-title">{a.title}</span>
                  <span className="duty-card-meta">{a.place}{a.participants.length ? ` · ${names(t, a, 3)}` : ''}</span>
                  <span className="duty-card-meta">{t('duty.activities.cardFigures', { voters: a.votersContacted, opinions: a.opinionCount })}</span>
                </Link>
              </List.Item>
            )}
          />
        ) : (
          <Table<ActivitySummary>
            rowKey="id"
            size="middle"
            loading={list.isFetching}
            columns={columns}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 1100 }}
            locale={{ emptyText: <Empty description={t('duty.activities.empty')} /> }}
            pagination={{ ...pagination, showTotal: (count) => t('common.total', { count }) }}
          />
        )}
      </Card>
      {creating ? <ActivityFormDrawer onClose={() => setCreating(false)} onSaved={(a) => void navigate(`/duty/activities/${a.id}`)} /> : null}
    </div>
  );
}
