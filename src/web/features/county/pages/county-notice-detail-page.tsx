import { ArrowLeftOutlined, EditOutlined, FileOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Spin, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { formatDateTime } from '../../../app/format';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { downloadAttachment, useCountyNotice, useIssueNotice } from '../api';
import { NoticeFormModal } from '../components/notice-form-modal';
import { TaskStatusTag } from '../components/task-status-tag';
import type { CountyTask, NoticeDetail } from '../types';
import '../county.css';

function NoticeBody({ d }: { d: NoticeDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const issue = useIssueNotice(d.notice.id);
  const [editing, setEditing] = useState(false);
  const n = d.notice;
  const columns: TableColumnsType<CountyTask> = [
    { title: t('county.common.township'), dataIndex: 'townshipName', key: 'township', fixed: 'left' },
    { title: t('county.notices.detail.status'), key: 'status', render: (_, r) => <>{<TaskStatusTag status={r.status} />}{r.isLate ? <Tag color="orange">{t('county.notices.detail.late')}</Tag> : null}</> },
    { title: t('county.notices.detail.reportedAt'), key: 'at', render: (_, r) => (r.reportedAt ? formatDateTime(r.reportedAt) : t('county.common.none')) },
    { title: t('county.notices.detail.reportedBy'), key: 'by', render: (_, r) => r.reportedByName ?? t('county.common.none') },
    { title: t('county.notices.detail.report'), key: 'report', render: (_, r) => (r.reportText ? <Typography.Paragraph className="county-pre" ellipsis={{ rows: 3, expandable: true }}>{r.reportText}</Typography.Paragraph> : t('county.common.none')) },
    {
      title: t('county.notices.detail.attachments'), key: 'att', render: (_, r) => (r.attachments.length ? (
        <ul className="county-attachments">
          {r.attachments.map((a) => (
            <li key={a.id}>
              <Button type="link" size="small" icon={<FileOutlined aria-hidden />} aria-label={t('county.tasks.download', { name: a.fileName })} onClick={() => void downloadAttachment(a).catch(report)}>{a.fileName}</Button>
            </li>
          ))}
        </ul>
      ) : t('county.common.none')),
    },
  ];
  return (
    <>
      <PageHeader
        title={n.title}
        extra={n.state === 'draft' ? (
          <>
            <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>{t('county.notices.detail.edit')}</Button>
            <Popconfirm
              title={t('county.notices.detail.issueConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')}
              onConfirm={() => issue.mutate(undefined, { onSuccess: (r) => void message.success(t('county.notices.detail.issued', { count: r.summary.townships })), onError: (e) => report(e) })}
            >
              <Button type="primary" icon={<SendOutlined aria-hidden />} loading={issue.isPending}>{t('county.notices.detail.issue')}</Button>
            </Popconfirm>
          </>
        ) : null}
      >
        <Link to="/county/notices"><ArrowLeftOutlined aria-hidden /> {t('county.notices.detail.back')}</Link>
      </PageHeader>
      <Card>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('county.notices.detail.state')}>{n.state === 'issued' ? <Tag color="blue">{t('county.notices.issued')}</Tag> : <Tag>{t('county.notices.draft')}</Tag>}</Descriptions.Item>
          <Descriptions.Item label={t('county.notices.detail.period')}>{t('county.notices.detail.periodValue', { from: n.startsOn, to: n.endsOn })}</Descriptions.Item>
          <Descriptions.Item label={t('county.notices.detail.reportDueOn')}>{n.reportDueOn}</Descriptions.Item>
          <Descriptions.Item label={t('county.notices.detail.requirements')} span={2}><p className="county-pre">{n.reportRequirements}</p></Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph className="county-pre">{n.body}</Typography.Paragraph>
      </Card>
      <Card title={<h2 className="county-panel-title">{t('county.notices.detail.tasksTitle')}</h2>}>
        {n.state === 'draft' ? <Alert type="info" showIcon message={t('county.notices.detail.draftHint')} /> : (
          <>
            <p className="county-muted" data-testid="notice-summary">{t('county.notices.detail.summary', d.summary)}</p>
            <Table<CountyTask> rowKey="id" size="small" pagination={false} dataSource={d.tasks} columns={columns} scroll={{ x: 'max-content' }} />
          </>
        )}
      </Card>
      <NoticeFormModal open={editing} notice={n} onClose={() => setEditing(false)} />
    </>
  );
}

/** /county/notices/:id: a notice, its issue, and each township's status and report back. */
export default function CountyNoticeDetailPage() {
  const { id = '' } = useParams();
  const q = useCountyNotice(id);
  return (
    <div className="county-page">
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : q.isPending ? <div className="page-loading"><Spin /></div> : <NoticeBody d={q.data} />}
    </div>
  );
}
