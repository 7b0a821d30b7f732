import { BarChartOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Grid, Input, List, Pagination, Select, Switch, Table, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useAuth, useTownship } from '../../../app/auth/auth-context';
import { thisYear } from '../../../app/format';
import { useUrlFilters } from '../../../app/url-filters';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { ForbiddenPage } from '../../../components/status-pages';
import { YearSelect } from '../../../components/year-select';
import { useUnits } from '../../units/api';
import { exportSuggestions, useSuggestions } from '../api';
import { DeadlineCell, FeedbackTag, GradeTag, KindTag, StateTag } from '../components/tags';
import { FILTER_STATES, suggestionCategories, type ListMode } from '../format';
import { SUGGESTION_KINDS, SUGGESTION_STATES, type SuggestionFilters, type SuggestionKind, type SuggestionState, type SuggestionSummary } from '../types';
import '../suggestions.css';

const PAGE_SIZE = 20;

/** The filters kept in the address, so going back from a suggestion keeps them. */
function useFilterParams(mode: ListMode) {
  const { params, page, update, isFiltered, clear, yearOrAll, setYear } = useUrlFilters();
  // The office works year by year; a deputy or unit sees everything of theirs by default.
  const year = yearOrAll(mode === 'all' ? thisYear() : undefined);
  const filters: SuggestionFilters = {
    ...(year ? { year } : {}),
    states: params.getAll('state').filter((s): s is SuggestionState => (SUGGESTION_STATES as readonly string[]).includes(s)),
    ...(params.get('kind') && (SUGGESTION_KINDS as readonly string[]).includes(params.get('kind')!) ? { kind: params.get('kind') as SuggestionKind } : {}),
    ...(params.get('category') ? { category: params.get('category')! } : {}),
    ...(params.get('lead') ? { leadUnitId: params.get('lead')! } : {}),
    ...(params.get('overdue') === '1' ? { overdue: true } : {}),
    ...(params.get('due') === '7' ? { dueWithin: 7 } : {}),
    ...(params.get('q') ? { search: params.get('q')! } : {}),
  };
  return { filters, year, setYear, page, update, isFiltered, clear };
}

/**
 * /suggestions: the township's suggestions for the office and presidium, a deputy's own
 * (我的建议) or a unit's assignments (本单位承办); the server scopes the rows.
 */
export default function SuggestionsPage() {
  const { can } = useAuth();
  const mode: ListMode | null = can('suggestion.read') ? 'all' : can('suggestion.handle') ? 'unit' : can('suggestion.submit') ? 'mine' : null;
  if (!mode) return <ForbiddenPage />;
  return <SuggestionList mode={mode} key={mode} />;
}

function SuggestionList({ mode }: { mode: ListMode }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  // English labels and tags are longer than Chinese ones.
  const w = (zh: number, en: number) => (i18n.language === 'en-US' ? en : zh);
  const { can } = useAuth();
  const township = useTownship();
  const screens = Grid.useBreakpoint();
  const isPhone = screens.md === false;
  const report = useErrorReporter();
  const { filters, year, setYear, page, update, isFiltered, clear } = useFilterParams(mode);
  const list = useSuggestions(township.id, filters, page, PAGE_SIZE);
  // How many are overdue, whatever the other filters: the figure supervision starts from.
  const overdue = useSuggestions(township.id, { ...(year ? { year } : {}), overdue: true }, 1, 1, mode !== 'mine');
  const units = useUnits(township.id);
  const [exporting, setExporting] = useState(false);
  const [search, setSearch] = useState(filters.search ?? '');
  const categories = suggestionCategories(township);
  const canSubmit = can('suggestion.submit');

  const title = t(mode === 'all' ? 'suggestions.list.titleAll' : mode === 'mine' ? 'suggestions.list.titleMine' : 'suggestions.list.titleUnit');
  const intro = t(mode === 'all' ? 'suggestions.list.introAll' : mode === 'mine' ? 'suggestions.list.introMine' : 'suggestions.list.introUnit');

  const onExport = async () => {
    setExporting(true);
    try {
      await exportSuggestions(township.id, filters);
      void message.success(t('suggestions.list.exported'));
    } catch (err) {
      report(err);
    } finally {
      setExporting(false);
    }
  };

  const columns = useMemo<TableColumnsType<SuggestionSummary>>(() => [
    { title: t('suggestions.fields.refNo'), dataIndex: 'refNo', width: 84, fixed: 'left', render: (v: string | null) => v ?? <span className="sg-muted">—</span> },
    {
      title: t('suggestions.fields.title'), dataIndex: 'title', fixed: 'left',
      render: (_, s) => <Link to={`/suggestions/${s.id}`} className="sg-title-link">{s.title}</Link>,
    },
    { title: t('suggestions.fields.kind'), dataIndex: 'kind', width: w(60, 100), render: (k: SuggestionKind) => <KindTag kind={k} /> },
    { title: t('suggestions.fields.deputy'), dataIndex: 'authorName', width: w(76, 90) },
    { title: t('suggestions.fields.category'), dataIndex: 'category', width: w(80, 96), render: (v: string | null) => v ?? <span className="sg-muted">—</span> },
    { title: t('suggestions.fields.leadUnit'), dataIndex: 'leadUnitName', width: 128, render: (v: string | null) => v ?? <span className="sg-muted">—</span> },
    { title: t('suggestions.fields.state'), dataIndex: 'state', width: w(112, 190), render: (s: SuggestionState) => <StateTag state={s} /> },
    { title: t('suggestions.fields.replyDue'), key: 'due', width: w(116, 130), render: (_, s) => <DeadlineCell deadline={s.deadline} /> },
    { title: t('suggestions.fields.grade'), dataIndex: 'grade', width: w(124, 140), render: (_, s) => <GradeTag grade={s.grade} /> },
    { title: t('suggestions.fields.feedback'), dataIndex: 'feedback', width: w(80, 150), render: (_, s) => <FeedbackTag feedback={s.feedback} /> },
  ], [t, i18n.language]);

  const unitOptions = (units.data ?? []).filter((u) => !u.archivedAt || u.id === filters.leadUnitId).map((u) => ({ value: u.id, label: u.name }));

  return (
    <div className="sg-page">
      <PageHeader
        title={title}
        extra={(
          <>
            {can('suggestion.read') ? <Button icon={<BarChartOutlined aria-hidden />} onClick={() => void navigate('/suggestions/stats')}>{t('suggestions.list.stats')}</Button> : null}
            {can('suggestion.manage') ? <Button icon={<DownloadOutlined aria-hidden />} loading={exporting} onClick={() => void onExport()}>{t('suggestions.list.export')}</Button> : null}
            {canSubmit ? <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => void navigate('/suggestions/new')}>{t('suggestions.list.create')}</Button> : null}
          </>
        )}
      >
        <p className="page-intro">{intro}</p>
      </PageHeader>
      <Card>
        <div role="search" className="sg-filters" aria-label={t('suggestions.list.filters')}>
          <YearSelect allowAll value={year ?? null} onChange={setYear} className="sg-filter-year" />
          <Select<SuggestionState[]>
            mode="multiple"
            allowClear
            aria-label={t('suggestions.list.state')}
            placeholder={t('suggestions.list.state')}
            value={filters.states}
            onChange={(v) => update({ state: v })}
            className="sg-filter-state"
            maxTagCount="responsive"
            options={FILTER_STATES[mode].map((s) => ({ value: s, label: t(`suggestions.states.${s}`) }))}
          />
          <Select<SuggestionKind>
            allowClear
            aria-label={t('suggestions.list.kind')}
            placeholder={t('suggestions.list.kind')}
            value={filters.kind}
            onChange={(v) => update({ kind: v ?? null })}
            className="sg-filter-kind"
            options={SUGGESTION_KINDS.map((k) => ({ value: k, label: t(`suggestions.kinds.${k}`) }))}
          />
          {categories.length ? (
            <Select<string>
              allowClear
              aria-label={t('suggestions.list.category')}
              placeholder={t('suggestions.list.category')}
              value={filters.category}
              onChange={(v) => update({ category: v ?? null })}
              className="sg-filter-category"
              options={categories.map((c) => ({ value: c, label: c }))}
            />
          ) : null}
          {mode === 'all' ? (
            <Select<string>
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              aria-label={t('suggestions.list.leadUnit')}
              placeholder={t('suggestions.list.leadUnit')}
              value={filters.leadUnitId}
              onChange={(v) => update({ lead: v ?? null })}
              className="sg-filter-unit"
              options={unitOptions}
            />
          ) : null}
          <Input.Search
            allowClear
            aria-label={t('suggestions.list.search')}
            placeholder={t('suggestions.list.searchPlaceholder')}
            value={search}
            maxLength={50}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => update({ q: v.trim() })}
            className="sg-filter-search"
          />
          {mode !== 'mine' ? (
            <label className="sg-filter-switch">
              <Switch size="small" checked={filters.overdue === true} onChange={(on) => update({ overdue: on ? '1' : null })} aria-label={t('suggestions.list.overdueOnly')} />
              <span aria-hidden>{t('suggestions.list.overdueOnly')}</span>
            </label>
          ) : null}
          {mode !== 'mine' ? (
            <label className="sg-filter-switch">
              <Switch size="small" checked={filters.dueWithin !== undefined} onChange={(on) => update({ due: on ? '7' : null })} aria-label={t('suggestions.list.dueSoonOnly')} />
              <span aria-hidden>{t('suggestions.list.dueSoonOnly')}</span>
            </label>
          ) : null}
          {isFiltered ? <Button type="link" onClick={() => { setSearch(''); clear(); }}>{t('suggestions.list.reset')}</Button> : null}
        </div>
        <div className="sg-list-summary" aria-live="polite">
          {list.data ? <span>{t('suggestions.list.count', { count: list.data.total })}</span> : null}
          {mode !== 'mine' && overdue.data && overdue.data.total > 0 ? (
            <Button type="link" size="small" danger className="sg-overdue-link" onClick={() => update({ overdue: '1' })}>
              {t('suggestions.list.overdueCount', { count: overdue.data.total })}
            </Button>
          ) : null}
        </div>
        {list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : isPhone ? (
          <>
            <List<SuggestionSummary>
              loading={list.isPending}
              dataSource={list.data?.items ?? []}
              locale={{ emptyText: <Empty description={t(mode === 'mine' && !isFiltered ? 'suggestions.list.emptyMine' : 'suggestions.list.empty')} /> }}
              renderItem={(s) => (
                <List.Item key={s.id} className="sg-card-item">
                  <Link to={`/suggestions/${s.id}`} className="sg-card-link">
                    <span className="sg-card-top">
                      <span className="sg-card-ref">{s.refNo ?? t('suggestions.states.draft')}</span>
                      <StateTag state={s.state} />
                    </span>
                    <span className="sg-card-title">{s.title}</span>
                    <span className="sg-card-meta">
                      {t(`suggestions.kinds.${s.kind}`)} · {s.authorName}{s.leadUnitName ? ` · ${s.leadUnitName}` : ''}
                    </span>
                    {s.deadline.replyDueOn || s.grade ? (
                      <span className="sg-card-bottom">
                        <DeadlineCell deadline={s.deadline} />
                        {s.grade ? <GradeTag grade={s.grade} /> : null}
                        {s.feedback ? <FeedbackTag feedback={s.feedback} /> : null}
                      </span>
                    ) : null}
                  </Link>
                </List.Item>
              )}
            />
            {list.data && list.data.total > PAGE_SIZE ? (
              <Pagination className="sg-pagination" simple current={page} pageSize={PAGE_SIZE} total={list.data.total} onChange={(p) => update({ page: String(p) }, true)} />
            ) : null}
          </>
        ) : (
          <Table<SuggestionSummary>
            rowKey="id"
            size="middle"
            loading={list.isFetching}
            columns={columns}
            dataSource={list.data?.items ?? []}
            rowClassName={(s) => (s.deadline.isOverdue ? 'sg-row-overdue' : '')}
            scroll={{ x: w(1040, 1300) }}
            locale={{ emptyText: <Empty description={t(mode === 'mine' && !isFiltered ? 'suggestions.list.emptyMine' : 'suggestions.list.empty')} /> }}
            pagination={{
              current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, hideOnSinglePage: true,
              showTotal: (count) => t('common.total', { count }),
              onChange: (p) => update({ page: String(p) }, true),
            }}
          />
        )}
      </Card>
    </div>
  );
}
