import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Result, Row, Spin, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../app/api/client';
import { useAuth } from '../../../app/auth/auth-context';
import { formatDateTime } from '../../../app/format';
import { QueryError } from '../../../components/query-error';
import { useSuggestion } from '../api';
import { ActionPanel } from '../components/action-panel';
import { AttachmentList } from '../components/attachments';
import { DeadlineBlock, HandlingCard, HistoryTimeline, ImplementationCard, SignersCard, SupervisionCard } from '../components/detail-sections';
import { GradeTag, KindTag, StateTag } from '../components/tags';
import '../suggestions.css';

/** /suggestions/:id: the suggestion, its deadline, handling, history and what the user may do now. */
export default function SuggestionDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const { me } = useAuth();
  const query = useSuggestion(id);

  if (query.isPending) return <div className="page-loading"><Spin /></div>;
  if (query.isError) {
    // Outside one's scope reads as missing (404), by design of the server.
    if (query.error instanceof ApiError && query.error.status === 404) {
      return (
        <Result status="404" title={t('suggestions.detail.notFound')} subTitle={t('suggestions.detail.notFoundText')}
          extra={<Button type="primary" onClick={() => void navigate('/suggestions')}>{t('suggestions.detail.back')}</Button>} />
      );
    }
    return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  }
  const s = query.data;
  const submissionFiles = s.attachments.filter((a) => a.purpose === 'submission');
  const canPaperSign = s.actions.includes('sign') && me?.user.role !== 'deputy';
  const session = s.raisedAt === 'session' ? t('suggestions.raisedAt.session') : t('suggestions.raisedAt.between_sessions');

  return (
    <div className="sg-page sg-detail">
      <Link to="/suggestions" className="sg-back"><ArrowLeftOutlined aria-hidden /> {t('suggestions.detail.back')}</Link>
      <header className="sg-detail-header">
        <div className="sg-detail-tags">
          {s.refNo ? <span className="sg-ref" data-testid="ref-no">{t('suggestions.fields.refNo')} {s.refNo}</span> : null}
          <KindTag kind={s.kind} />
          <StateTag state={s.state} />
          {s.deadline.isOverdue ? <Tag color="red" className="sg-tag">{t('suggestions.deadline.overdueTag')}</Tag> : null}
          {s.isDifficult ? <Tag color="orange" className="sg-tag">{t('suggestions.deadline.difficultTag')}</Tag> : null}
          {s.grade ? <GradeTag grade={s.grade} /> : null}
        </div>
        <h1 className="sg-detail-title">{s.title}</h1>
        <p className="sg-detail-meta">
          <span>{t('suggestions.fields.deputy')}：{s.authorName}</span>
          <span>{t('suggestions.fields.raisedAt')}：{session}</span>
          {s.category ? <span>{t('suggestions.fields.category')}：{s.category}</span> : null}
          {s.leadUnitName ? <span>{t('suggestions.fields.leadUnit')}：{s.leadUnitName}</span> : null}
          {s.submittedAt ? <span>{t('suggestions.fields.submittedAt')}：{formatDateTime(s.submittedAt)}</span> : <span>{t('suggestions.fields.createdAt')}：{formatDateTime(s.createdAt)}</span>}
        </p>
      </header>
      {s.state === 'returned' && s.returnReason ? (
        <Alert type="warning" showIcon className="sg-alert" title={t('suggestions.detail.returnReason')} description={s.returnReason} />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={{ span: 24, order: 1 }} lg={{ span: 8, order: 2 }}>
          <div className="sg-side">
            <ActionPanel s={s} />
            <DeadlineBlock s={s} />
          </div>
        </Col>
        <Col xs={{ span: 24, order: 2 }} lg={{ span: 16, order: 1 }}>
          <Card size="small" title={t('suggestions.detail.content')} className="sg-section">
            {s.motionId ? <p className="sg-note">{t('suggestions.detail.fromMotion')}</p> : s.kind === 'motion' ? <p className="sg-note">{t('suggestions.detail.motionNote')}</p> : null}
            <div className="sg-content sg-pre" data-testid="content">{s.content}</div>
            {submissionFiles.length ? (
              <>
                <h3 className="sg-h3">{t('suggestions.fields.attachments')}</h3>
                <AttachmentList suggestionId={s.id} files={submissionFiles} />
              </>
            ) : null}
          </Card>
          <SignersCard s={s} canPaperSign={canPaperSign} />
          <HandlingCard s={s} />
          <ImplementationCard s={s} />
          <SupervisionCard s={s} />
          <HistoryTimeline s={s} />
        </Col>
      </Row>
    </div>
  );
}
