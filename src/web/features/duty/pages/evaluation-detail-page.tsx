import { ArrowLeftOutlined, DownloadOutlined, EditOutlined, FileWordOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Popconfirm, Spin, Tag, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useAuth } from '../../../app/auth/auth-context';
import { formatDateTime, formatSize } from '../../../app/format';
import { QueryError } from '../../../components/query-error';
import { useOwnDeputy } from '../../deputies/api';
import { downloadFile, useEvaluation, usePublishEvaluation, useRecordResult, useUploadReport } from '../api';
import { EvaluationFormDrawer } from '../components/evaluation-form-drawer';
import { ATTENDEE_CATEGORIES, type EvaluatedDeputy, type Evaluation, type Ratings } from '../types';
import '../duty.css';

const REPORT_TYPES = ['.docx', '.pdf'];

/** One deputy's ratings and written evaluation; the counts may not add up to more than the attendees. */
function DeputyResult({ e, d, canUploadOwn }: { e: Evaluation; d: EvaluatedDeputy; canUploadOwn: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const [form] = Form.useForm<Ratings & { evaluation?: string }>();
  const record = useRecordResult(e.id);
  const upload = useUploadReport(e.id);
  const [downloading, setDownloading] = useState<'report' | 'doc' | null>(null);
  const values = Form.useWatch([], form) as Partial<Ratings> | undefined;
  const used = (values?.satisfied ?? 0) + (values?.basicallySatisfied ?? 0) + (values?.dissatisfied ?? 0);
  const remaining = e.attendeesTotal - used;
  const editable = e.canManage && !e.isPublished;
  const canUpload = (e.canManage || canUploadOwn) && !e.isPublished;

  const onFinish = (v: Ratings & { evaluation?: string }) => record.mutate(
    { deputyId: d.deputyId, satisfied: v.satisfied ?? 0, basicallySatisfied: v.basicallySatisfied ?? 0, dissatisfied: v.dissatisfied ?? 0, evaluation: v.evaluation?.trim() || null },
    { onSuccess: () => void message.success(t('duty.evaluations.resultSaved', { name: d.name })), onError: (err) => report(err, form) },
  );
  const download = async (which: 'report' | 'doc') => {
    setDownloading(which);
    try {
      if (which === 'report' && d.report) await downloadFile(d.report.url, d.report.fileName);
      else await downloadFile(d.documentUrl, t('duty.evaluations.documentName', { name: d.name }));
    } catch (err) {
      report(err);
    } finally {
      setDownloading(null);
    }
  };
  const onUpload = (file: File) => {
    if (!REPORT_TYPES.some((ext) => file.name.toLowerCase().endsWith(ext))) {
      void message.error(t('duty.evaluations.reportType'));
      return false;
    }
    upload.mutate({ deputyId: d.deputyId, file }, { onSuccess: () => void message.success(t('duty.evaluations.reportUploaded')), onError: (err) => report(err) });
    return false;
  };

  return (
    <Card
      className="duty-section"
      data-testid="evaluated-deputy"
      title={<span>{d.name}{d.satisfactionRate !== null ? <Tag color="blue" className="duty-rate-tag">{t('duty.evaluations.rate', { rate: d.satisfactionRate })}</Tag> : null}</span>}
      extra={d.isRated ? <Tag color="green">{t('duty.evaluations.rated')}</Tag> : <Tag>{t('duty.evaluations.notRated')}</Tag>}
    >
      <div className="duty-report-row">
        <span className="duty-label">{t('duty.evaluations.report')}</span>
        {d.report ? (
          <Button type="link" icon={<DownloadOutlined aria-hidden />} loading={downloading === 'report'} onClick={() => void download('report')} className="duty-link-button">
            {d.report.fileName}（{formatSize(d.report.sizeBytes)} · {formatDateTime(d.report.uploadedAt)}）
          </Button>
        ) : <span className="duty-muted">{t('duty.evaluations.noReport')}</span>}
        {canUpload ? (
          <Upload accept=".docx,.pdf" showUploadList={false} beforeUpload={onUpload}>
            <Button size="small" icon={<UploadOutlined aria-hidden />} loading={upload.isPending}>{t(d.report ? 'duty.evaluations.replaceReport' : 'duty.evaluations.uploadReport')}</Button>
          </Upload>
        ) : null}
      </div>
      {editable ? (
        <Form
          form={form}
          layout="vertical"
          onFinish={onFinish}
          initialValues={{ ...(d.ratings ?? { satisfied: undefined, basicallySatisfied: undefined, dissatisfied: undefined }), evaluation: d.evaluation ?? '' }}
        >
          <div className="duty-ratings-row">
            <Form.Item name="satisfied" label={t('duty.ratings.satisfied')} rules={[{ required: true, message: t('duty.evaluations.countRequired') }]}>
              <InputNumber min={0} max={e.attendeesTotal} className="duty-full" />
            </Form.Item>
            <Form.Item name="basicallySatisfied" label={t('duty.ratings.basicallySatisfied')} rules={[{ required: true, message: t('duty.evaluations.countRequired') }]}>
              <InputNumber min={0} max={e.attendeesTotal} className="duty-full" />
            </Form.Item>
            <Form.Item name="dissatisfied" label={t('duty.ratings.dissatisfied')} rules={[{ required: true, message: t('duty.evaluations.countRequired') }]}>
              <InputNumber min={0} max={e.attendeesTotal} className="duty-full" />
            </Form.Item>
          </div>
          <p className={remaining < 0 ? 'duty-over' : 'duty-muted'} aria-live="polite" data-testid="ratings-remaining">
            {remaining < 0 ? t('duty.evaluations.over', { count: -remaining, total: e.attendeesTotal }) : t('duty.evaluations.remaining', { count: remaining, total: e.attendeesTotal })}
          </p>
          <Form.Item name="evaluation" label={t('duty.evaluations.writtenEvaluation')}>
            <Input.TextArea rows={4} maxLength={10000} />
          </Form.Item>
          <div className="duty-actions-row">
            <Button type="primary" htmlType="submit" loading={record.isPending} disabled={remaining < 0}>{t('duty.evaluations.saveResult')}</Button>
            <Button icon={<FileWordOutlined aria-hidden />} disabled={!d.isRated} loading={downloading === 'doc'} onClick={() => void download('doc')}>{t('duty.evaluations.document')}</Button>
          </div>
        </Form>
      ) : (
        <>
          {d.ratings ? (
            <Descriptions column={{ xs: 1, sm: 3 }} size="small" className="duty-ratings-view">
              <Descriptions.Item label={t('duty.ratings.satisfied')}>{d.ratings.satisfied}</Descriptions.Item>
              <Descriptions.Item label={t('duty.ratings.basicallySatisfied')}>{d.ratings.basicallySatisfied}</Descriptions.Item>
              <Descriptions.Item label={t('duty.ratings.dissatisfied')}>{d.ratings.dissatisfied}</Descriptions.Item>
            </Descriptions>
          ) : null}
          {d.evaluation ? <><div className="duty-label">{t('duty.evaluations.writtenEvaluation')}</div><p className="duty-pre">{d.evaluation}</p></> : null}
          <Button icon={<FileWordOutlined aria-hidden />} disabled={!d.isRated} loading={downloading === 'doc'} onClick={() => void download('doc')}>{t('duty.evaluations.document')}</Button>
        </>
      )}
    </Card>
  );
}

/** /duty/evaluations/:id: one 述职评议 with its attendees, each deputy's ratings and report, publishing. */
export default function EvaluationDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const { me } = useAuth();
  const evaluation = useEvaluation(id);
  const publish = usePublishEvaluation(id);
  const own = useOwnDeputy(me?.user.role === 'deputy');
  const [editing, setEditing] = useState(false);

  if (evaluation.isError) return <QueryError error={evaluation.error} onRetry={() => void evaluation.refetch()} />;
  const e = evaluation.data;
  if (!e) return <div className="page-loading"><Spin /></div>;
  const allRated = e.deputies.every((d) => d.isRated);

  return (
    <div className="duty-page">
      <Link to="/duty/evaluations" className="duty-back"><ArrowLeftOutlined aria-hidden /> {t('duty.evaluations.back')}</Link>
      <div className="duty-detail-header">
        <div className="duty-detail-tags">
          {e.isPublished ? <Tag color="green">{t('duty.evaluations.publishedAt', { time: formatDateTime(e.publishedAt) })}</Tag> : <Tag>{t('duty.evaluations.draft')}</Tag>}
        </div>
        <h1 className="duty-detail-title">{t('duty.evaluations.cardTitle', { date: e.heldOn, place: e.place })}</h1>
        {e.canManage ? (
          <div className="duty-actions-row">
            {!e.isPublished ? <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>{t('common.edit')}</Button> : null}
            {e.isPublished ? (
              <Popconfirm title={t('duty.evaluations.unpublishConfirm')} onConfirm={() => publish.mutate(false, { onError: (err) => report(err) })}>
                <Button loading={publish.isPending}>{t('duty.evaluations.unpublish')}</Button>
              </Popconfirm>
            ) : (
              <Popconfirm
                title={t('duty.evaluations.publishConfirm')}
                disabled={!allRated}
                onConfirm={() => publish.mutate(true, { onSuccess: () => void message.success(t('duty.evaluations.publishedDone')), onError: (err) => report(err) })}
              >
                <Button type="primary" disabled={!allRated} loading={publish.isPending}>{t('duty.evaluations.publish')}</Button>
              </Popconfirm>
            )}
          </div>
        ) : null}
        {e.canManage && !e.isPublished && !allRated ? <Alert type="info" showIcon className="duty-alert" title={t('duty.evaluations.publishNeedsRatings')} /> : null}
      </div>
      <Card title={t('duty.evaluations.facts')} className="duty-section">
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('duty.fields.heldOn')}>{e.heldOn}</Descriptions.Item>
          <Descriptions.Item label={t('duty.fields.place')}>{e.place}</Descriptions.Item>
          <Descriptions.Item label={t('duty.evaluations.chair')}>{e.chairName}</Descriptions.Item>
          <Descriptions.Item label={t('duty.fields.constituency')}>{e.constituencyName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('duty.evaluations.deputies')} span={2}>{e.deputies.map((d) => d.name).join(t('duty.common.listSeparator'))}</Descriptions.Item>
        </Descriptions>
        <table className="duty-attendee-table">
          <caption>{t('duty.evaluations.attendees', { total: e.attendeesTotal })}</caption>
          <thead><tr>{ATTENDEE_CATEGORIES.map((c) => <th key={c} scope="col">{t(`duty.attendees.${c}`)}</th>)}</tr></thead>
          <tbody><tr>{ATTENDEE_CATEGORIES.map((c) => <td key={c}>{e.attendees[c]}</td>)}</tr></tbody>
        </table>
        <div className="duty-label">{t('duty.fields.voterOpinions')}</div>
        <p className="duty-pre">{e.voterOpinions ?? t('duty.evaluations.noVoterOpinions')}</p>
      </Card>
      {e.deputies.map((d) => <DeputyResult key={d.deputyId} e={e} d={d} canUploadOwn={own.data?.id === d.deputyId} />)}
      {editing ? <EvaluationFormDrawer evaluation={e} onClose={() => setEditing(false)} /> : null}
    </div>
  );
}
