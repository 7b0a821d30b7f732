import { EditOutlined, GlobalOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth, useTownship } from '../../../app/auth/auth-context';
import { useUrlFilters } from '../../../app/url-filters';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useArticles, useCategories } from '../api';
import { formatInstant, STATUS_COLOR } from '../format';
import type { ArticleFilters, ArticleListItem, ArticleStatus } from '../types';

const PAGE_SIZE = 20;
const STATUSES: ArticleStatus[] = ['draft', 'submitted', 'published', 'unpublished'];

/** /articles: the portal's articles with filters (status, section, text); the review queue for the presidium. */
export default function ArticlesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const township = useTownship();
  const { params, page, update } = useUrlFilters();
  const filters: ArticleFilters = {
    ...(params.get('status') ? { status: params.get('status') as ArticleStatus } : {}),
    ...(params.get('categoryId') ? { categoryId: params.get('categoryId')! } : {}),
    ...(params.get('q') ? { q: params.get('q')! } : {}),
  };
  const categories = useCategories(township.id);
  const list = useArticles(township.id, filters, page, PAGE_SIZE);
  const catName = new Map((categories.data ?? []).map((c) => [c.id, c.name]));
  const setFilter = (key: string, value: string | undefined) => update({ [key]: value ?? null });

  return (
    <div>
      <PageHeader
        title={t('articles.list.title')}
        extra={<>
          <Button icon={<GlobalOutlined aria-hidden />} href={`/t/${township.code}/`} target="_blank">{t('articles.nav.portal')}</Button>
          {can('article.write') ? <Link to="/articles/new"><Button type="primary" icon={<EditOutlined aria-hidden />}>{t('articles.list.create')}</Button></Link> : null}
        </>}
      >
        <p className="page-intro">{t('articles.list.intro')}</p>
      </PageHeader>
      <div role="search" aria-label={t('articles.list.search')} style={{ display: 'flex', gap: 12, flexWrap: 'wrap', marginBottom: 16 }}>
        <Select
          aria-label={t('articles.list.colStatus')} style={{ width: 140 }} value={filters.status ?? ''}
          onChange={(v: string) => setFilter('status', v || undefined)}
          options={[{ value: '', label: t('articles.list.allStatuses') }, ...STATUSES.map((s) => ({ value: s, label: t(`articles.status.${s}`) }))]}
        />
        <Select
          aria-label={t('articles.list.colCategory')} style={{ width: 160 }} value={filters.categoryId ?? ''}
          onChange={(v: string) => setFilter('categoryId', v || undefined)}
          options={[{ value: '', label: t('articles.list.allCategories') }, ...(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))]}
        />
        <Input.Search
          aria-label={t('articles.list.search')} placeholder={t('articles.list.search')} allowClear style={{ width: 260 }} defaultValue={filters.q}
          onSearch={(v) => setFilter('q', v.trim() || undefined)}
        />
      </div>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : (
        <Card>
          <Table<ArticleListItem>
            rowKey="id" loading={list.isPending} dataSource={list.data?.items ?? []} locale={{ emptyText: t('articles.list.empty') }}
            pagination={{
              current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false,
              showTotal: (count) => t('articles.list.total', { count }),
              onChange: (p) => update({ page: String(p) }, true),
            }}
            scroll={{ x: 720 }}
            columns={[
              {
                title: t('articles.list.colTitle'), dataIndex: 'title',
                render: (_: unknown, a) => <><Link to={`/articles/${a.id}`}>{a.title}</Link>{a.fromModule ? <Tag style={{ marginLeft: 8 }}>{t('articles.list.fromModule')}</Tag> : null}</>,
              },
              { title: t('articles.list.colCategory'), dataIndex: 'categoryId', width: 120, render: (id: string) => catName.get(id) ?? '' },
              { title: t('articles.list.colStatus'), dataIndex: 'status', width: 100, render: (s: ArticleStatus) => <Tag color={STATUS_COLOR[s]}>{t(`articles.status.${s}`)}</Tag> },
              { title: t('articles.list.colUpdated'), dataIndex: 'updatedAt', width: 160, render: (_: unknown, a) => formatInstant(a.publishedAt ?? a.updatedAt) },
              { title: t('articles.list.colViews'), dataIndex: 'viewCount', width: 80, align: 'right' as const },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
