import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth, useTownship } from '../../../app/auth/auth-context';
import { thisYear } from '../../../app/format';
import { useUrlFilters } from '../../../app/url-filters';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { ForbiddenPage } from '../../../components/status-pages';
import { YearSelect } from '../../../components/year-select';
import { useOpinions } from '../api';
import { OpinionFormModal } from '../components/opinion-form-modal';
import { OpinionList } from '../components/opinion-list';
import { OPINION_STATUSES, type OpinionFilters, type OpinionStatus } from '../types';
import { DeputyFilter, VillageFilter } from '../components/filters';
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
  const { params, page, update, yearOrAll, setYear } = useUrlFilters();
  const isAll = can('duty.read') || can('duty.manage');
  const canAdd = can('duty.manage') || can('duty.log');
  const year = yearOrAll(thisYear());
  const status = OPINION_STATUSES.find((s) => s === params.get('status'));
  const filters: OpinionFilters = {
    ...(year ? { year } : {}), ...(status ? { status } : {}),
    ...(params.get('deputy') ? { deputyId: params.get('deputy')! } : {}), ...(params.get('village') ? { villageId: params.get('village')! } : {}),
    ...(params.get('q') ? { search: params.get('q')! } : {}),
  };
  const [search, setSearch] = useState(filters.search ?? '');
  const [adding, setAdding] = useState(false);
  const list = useOpinions(township.id, filters, page, PAGE_SIZE);
  if (!isAll && !can('duty.log')) return <ForbiddenPage />;

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
          <YearSelect allowAll value={year ?? null} onChange={setYear} className="duty-filter-year" />
          <Select<OpinionStatus>
            allowClear
            aria-label={t('duty.fields.status')}
            placeholder={t('duty.fields.status')}
            value={status}
            onChange={(v) => update({ status: v ?? null })}
            className="duty-filter-status"
            options={OPINION_STATUSES.map((s) => ({ value: s, label: t(`duty.statuses.${s}`) }))}
          />
          {isAll ? <DeputyFilter townshipId={township.id} value={filters.deputyId} onChange={(id) => update({ deputy: id })} /> : null}
          <VillageFilter townshipId={township.id} value={filters.villageId} onChange={(id) => update({ village: id })} />
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
