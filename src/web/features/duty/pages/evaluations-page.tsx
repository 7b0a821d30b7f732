import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth, useTownship } from '../../../app/auth/auth-context';
import { useUrlFilters } from '../../../app/url-filters';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { ForbiddenPage } from '../../../components/status-pages';
import { YearSelect } from '../../../components/year-select';
import { useEvaluations } from '../api';
import { EvaluationFormDrawer } from '../components/evaluation-form-drawer';
import '../duty.css';

/**
 * /duty/evaluations: 述职评议 meetings, each deputy's ratings at a glance. The office and
 * presidium see all; a deputy the ones in which they reported.
 */
export default function EvaluationsPage() {
  const { t } = useTranslation();
  const { can, me } = useAuth();
  const township = useTownship();
  const navigate = useNavigate();
  const { yearOrAll, setYear } = useUrlFilters();
  const year = yearOrAll();
  const list = useEvaluations(township.id, year);
  const [creating, setCreating] = useState(false);
  const canManage = can('duty.evaluate');
  if (!can('duty.read') && !canManage && me?.user.role !== 'deputy') return <ForbiddenPage />;

  return (
    <div className="duty-page">
      <PageHeader
        title={t('duty.evaluations.title')}
        extra={canManage ? <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>{t('duty.evaluations.create')}</Button> : null}
      >
        <p className="page-intro">{t('duty.evaluations.intro')}</p>
      </PageHeader>
      <div role="search" className="duty-filters" aria-label={t('duty.common.filters')}>
        <YearSelect allowAll value={year ?? null} onChange={setYear} className="duty-filter-year" />
      </div>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : list.isPending ? <div className="page-loading"><Spin /></div> : list.data.length === 0 ? (
        <Card><Empty description={t('duty.evaluations.empty')} /></Card>
      ) : (
        <div className="duty-evaluations">
          {list.data.map((e) => (
            <Card key={e.id} className="duty-evaluation-card" data-testid="evaluation">
              <div className="duty-card-top">
                <Link to={`/duty/evaluations/${e.id}`} className="duty-title-link duty-evaluation-title">
                  {t('duty.evaluations.cardTitle', { date: e.heldOn, place: e.place })}
                </Link>
                {e.isPublished ? <Tag color="green">{t('duty.evaluations.published')}</Tag> : <Tag>{t('duty.evaluations.draft')}</Tag>}
              </div>
              <p className="duty-muted duty-small">
                {[e.constituencyName, t('duty.evaluations.chairIs', { name: e.chairName }), t('duty.evaluations.attendeesTotal', { count: e.attendeesTotal })].filter(Boolean).join(' · ')}
              </p>
              <ul className="duty-rating-summary">
                {e.deputies.map((d) => (
                  <li key={d.deputyId}>
                    <strong>{d.name}</strong>
                    {d.ratings ? (
                      <span>
                        {t('duty.evaluations.ratingLine', { s: d.ratings.satisfied, b: d.ratings.basicallySatisfied, d: d.ratings.dissatisfied })}
                        {d.satisfactionRate !== null ? <Tag color="blue" className="duty-rate-tag">{t('duty.evaluations.rate', { rate: d.satisfactionRate })}</Tag> : null}
                      </span>
                    ) : <span className="duty-muted">{t('duty.evaluations.notRated')}</span>}
                  </li>
                ))}
              </ul>
            </Card>
          ))}
        </div>
      )}
      {creating ? <EvaluationFormDrawer onClose={() => setCreating(false)} onSaved={(e) => void navigate(`/duty/evaluations/${e.id}`)} /> : null}
    </div>
  );
}
