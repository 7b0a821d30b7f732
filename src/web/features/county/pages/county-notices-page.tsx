import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Progress, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useCountyNotices } from '../api';
import { NoticeFormModal } from '../components/notice-form-modal';
import '../county.css';

/** /county/notices: the county's notices to its townships, drafts and issued, with how many reported. */
export default function CountyNoticesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useCountyNotices();
  const [creating, setCreating] = useState(false);
  return (
    <div className="county-page">
      <PageHeader
        title={t('county.notices.title')}
        extra={<Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>{t('county.notices.create')}</Button>}
      >
        <p className="page-intro">{t('county.notices.intro')}</p>
      </PageHeader>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : list.isPending ? <div className="page-loading"><Spin /></div> : list.data.length === 0 ? (
        <Card><Empty description={t('county.notices.empty')} /></Card>
      ) : (
        <ul className="county-list" aria-label={t('county.notices.title')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {list.data.map((n) => (
            <li key={n.id}>
              <Card size="small" data-testid="county-notice">
                <div className="county-card-top">
                  <Link to={`/county/notices/${n.id}`} className="county-card-title">{n.title}</Link>
                  {n.state === 'issued' ? <Tag color="blue">{t('county.notices.issued')}</Tag> : <Tag>{t('county.notices.draft')}</Tag>}
                </div>
                <p className="county-muted">
                  {t('county.notices.detail.periodValue', { from: n.startsOn, to: n.endsOn })} · {t('county.notices.detail.reportDueOn')} {n.reportDueOn}
                </p>
                {n.state === 'issued' ? (
                  <Progress percent={n.tasks ? Math.round((n.reported / n.tasks) * 100) : 0} format={() => t('county.notices.progress', { reported: n.reported, tasks: n.tasks })} aria-label={t('county.notices.progress', { reported: n.reported, tasks: n.tasks })} />
                ) : null}
              </Card>
            </li>
          ))}
        </ul>
      )}
      <NoticeFormModal open={creating} onClose={() => setCreating(false)} onSaved={(n) => void navigate(`/county/notices/${n.id}`)} />
    </div>
  );
}
