import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAuth, useTownship } from '../../../app/auth/auth-context';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { ForbiddenPage } from '../../../components/status-pages';
import { useDeputyBriefs } from '../../deputies/api';
import { useVillages } from '../../villages/api';
import { useOpinions } from '../api';
import { OpinionFormModal } from '../components/opinion-form-modal';
import { OpinionList } from '../components/opinion-list';
import { recentYears, thisYear } from '../format';
import { OPINION_STATUSES, type OpinionFilters, type OpinionStatus } from '../types';
import '../duty.css';

const PAGE_SIZE = 20;

/**
 * /duty/opinions: residents' opinions (民情意见) with what became of each. The office and
 * presidium see the township's, a deputy those addressed to them or collected with them.
 */
export default function OpinionsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const township = useTownship();
  const [params, setParams] = useSearchParams();
  const isAll = can('duty.read') || can('duty.manage');
  const canAdd = can('duty.manage') || can('duty.log');
  const yearParam = params.get('year');
  const year = yearParam === 'all' ? undefined : yearParam ? Number(yearParam) : thisYear();
  const status = OPINION_STATUSES.find((s) => s === params.get('status'));
  const filters: OpinionFilters = {
    ...(year ? { year } : {}), ...(status ? { status } : {}),
    ...(params.get('deputy') ? { deputyId: params.get('deputy')! } : {}), ...(params.get('village') ? { villageId: params.get('village')! } : {}),
    ...(params.get('q') ? { search: params.get('q')! } : {}),
  };
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [search, setSearch] = useState(filters.search ?? '');
  const [adding, setAdding] = useState(false);
  const list = useOpinions(township.id, filters, page, PAGE_SIZE);
  const villages = useVillages(township.id);
  const deputies = useDeputyBriefs(township.id, { level: 'township' });
  if (!isAll && !can('duty.log')) return <ForbiddenPage />;

  const update = (patch: Record<string, string | null>, keepPage = false) => setParams((prev) => {
    const next = new URLSearchParams(prev);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!keepPage) next.delete('page');
    return next;
  }, { replace: true });

  return (
    <div className="duty-page">
      <PageHeader
        title={t('duty.opinions.title')}
        extra={canAdd ? <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>{t('duty.opinions.add')}</Button> : null}
      >
        <p className="page-intro">{t(isAll ? 'duty.opinions.introAll' : 'duty.opinions.introMine')}</p>
      </PageHeader>
      <Card>
        <div role="search" className="duty-filters" aria-label={t('duty.common.filters')}>
          <Select
            aria-label={t('duty.common.year')}
            value={year ? String(year) : 'all'}
            onChange={(v: string) => update({ year: v })}
            className="duty-filter-year"
            options={[{ value: 'all', label: t('duty.common.allYears') }, ...recentYears().map((y) => ({ value: String(y), label: t('duty.common.yearOption', { year: y }) }))]}
          />
          <Select<OpinionStatus>
            allowClear
            aria-label={t('duty.fields.status')}
            placeholder={t('duty.fields.status')}
            value={status}
            onChange={(v) => update({ status: v ?? null })}
            className="duty-filter-status"
            options={OPINION_STATUSES.map((s) => ({ value: s, label: t(`duty.statuses.${s}`) }))}
          />
          {isAll ? (
            <Select<string>
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              aria-label={t('duty.fields.deputy')}
              placeholder={t('duty.fields.deputy')}
              value={filters.deputyId}
              onChange={(v) => update({ deputy: v ?? null })}
              className="duty-filter-deputy"
              options={(deputies.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
            />
          ) : null}
          <Select<string>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            aria-label={t('duty.fields.village')}
            placeholder={t('duty.fields.village')}
            value={filters.villageId}
            onChange={(v) => update({ village: v ?? null })}
            className="duty-filter-village"
            options={(villages.data ?? []).filter((v) => !v.archivedAt).map((v) => ({ value: v.id, label: v.name }))}
          />
          <Input.Search
            allowClear
            aria-label={t('duty.common.search')}
            placeholder={t('duty.opinions.searchPlaceholder')}
            value={search}
            maxLength={50}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => update({ q: v.trim() })}
            className="duty-filter-search"
          />
        </div>
        <div className="duty-list-summary" aria-live="polite">
          {list.data ? t('duty.common.count', { count: list.data.total }) : null}
        </div>
        {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : (
          <OpinionList
            opinions={list.data?.items ?? []}
            loading={list.isFetching}
            pagination={{
              current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, hideOnSinglePage: true,
              onChange: (p) => update({ page: String(p) }, true),
            }}
          />
        )}
      </Card>
      {adding ? <OpinionFormModal onClose={() => setAdding(false)} /> : null}
    </div>
  );
}
