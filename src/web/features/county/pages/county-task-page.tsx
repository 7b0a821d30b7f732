import { ArrowLeftOutlined, DeleteOutlined, FileOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Form, Input, Popconfirm, Spin, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { formatDateTime } from '../../../app/format';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { downloadAttachment, useCountyTask, useRemoveTaskAttachment, useReportTask, useUploadTaskAttachment } from '../api';
import { TaskStatusTag } from '../components/task-status-tag';
import type { TaskDetail } from '../types';
import '../county.css';

const ACCEPT = '.docx,.pdf,.xlsx,.jpg,.jpeg,.png';

function TaskBody({ d }: { d: TaskDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const [form] = Form.useForm<{ reportText: string }>();
  const upload = useUploadTaskAttachment(d.task.id);
  const remove = useRemoveTaskAttachment();
  const submit = useReportTask(d.task.id);
  const { notice, task } = d;
  const open = task.status !== 'reported';

  const send = async () => {
    const v = await form.validateFields();
    submit.mutate(v.reportText, { onSuccess: () => void message.success(t('county.tasks.submitted')), onError: (e) => report(e, form) });
  };

  return (
    <>
      <PageHeader title={notice.title} extra={<TaskStatusTag status={task.status} />}>
        <Link to="/county-tasks"><ArrowLeftOutlined aria-hidden /> {t('county.tasks.back')}</Link>
      </PageHeader>
      <Card>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('county.notices.detail.period')}>{t('county.notices.detail.periodValue', { from: notice.startsOn, to: notice.endsOn })}</Descriptions.Item>
          <Descriptions.Item label={t('county.notices.detail.reportDueOn')}>{notice.reportDueOn}</Descriptions.Item>
          <Descriptions.Item label={t('county.notices.detail.requirements')} span={2}><p className="county-pre">{notice.reportRequirements}</p></Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph className="county-pre">{notice.body}</Typography.Paragraph>
      </Card>
      <Card title={<h2 className="county-panel-title">{t('county.tasks.reportTitle')}</h2>}>
        {open ? (
          <Form form={form} layout="vertical" requiredMark>
            <Form.Item name="reportText" label={t('county.tasks.reportText')} rules={[{ required: true, whitespace: true, max: 20000 }]}>
              <Input.TextArea rows={6} placeholder={t('county.tasks.reportPlaceholder')} />
            </Form.Item>
          </Form>
        ) : (
          <>
            <p className="county-muted">{t('county.tasks.reportedInfo', { name: task.reportedByName ?? '', at: formatDateTime(task.reportedAt) })}</p>
            <p className="county-pre">{task.reportText}</p>
          </>
        )}
        <h3 className="county-panel-title">{t('county.tasks.attachments')}</h3>
        {task.attachments.length ? (
          <ul className="county-attachments">
            {task.attachments.map((a) => (
              <li key={a.id}>
                <Button type="link" size="small" icon={<FileOutlined aria-hidden />} aria-label={t('county.tasks.download', { name: a.fileName })} onClick={() => void downloadAttachment(a).catch(report)}>{a.fileName}</Button>
                {open ? (
                  <Popconfirm title={t('county.tasks.removeConfirm', { name: a.fileName })} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => remove.mutate(a.id, { onError: (e) => report(e) })}>
                    <Button type="text" size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={`${t('county.tasks.remove')} ${a.fileName}`} />
                  </Popconfirm>
                ) : null}
              </li>
            ))}
          </ul>
        ) : <p className="county-muted">{t('county.common.none')}</p>}
        {open ? (
          <>
            <Upload
              accept={ACCEPT}
              showUploadList={false}
              beforeUpload={(file) => {
                if (!/\.(docx|pdf|xlsx|jpe?g|png)$/i.test(file.name)) {
                  void message.error(t('county.tasks.typeInvalid'));
                  return Upload.LIST_IGNORE;
                }
                return true;
              }}
              customRequest={({ file, onSuccess, onError }) => {
                upload.mutate(file as File, {
                  onSuccess: (a) => { onSuccess?.(a); void message.success(t('county.tasks.uploaded', { name: a.fileName })); },
                  onError: (err) => { onError?.(err as Error); report(err); },
                });
              }}
            >
              <Button icon={<UploadOutlined aria-hidden />} loading={upload.isPending}>{t('county.tasks.upload')}</Button>
            </Upload>
            <p className="county-footnote">{t('county.tasks.uploadHelp')}</p>
            <Popconfirm title={t('county.tasks.submitConfirm')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => void send().catch(() => undefined)}>
              <Button type="primary" icon={<SendOutlined aria-hidden />} loading={submit.isPending}>{t('county.tasks.submit')}</Button>
            </Popconfirm>
          </>
        ) : null}
      </Card>
    </>
  );
}

/** /county-tasks/:id: a county notice to this township, and its report back (text and attachments). */
export default function CountyTaskPage() {
  const { id = '' } = useParams();
  const q = useCountyTask(id);
  return (
    <div className="county-page">
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : q.isPending ? <div className="page-loading"><Spin /></div> : <TaskBody d={q.data} />}
    </div>
  );
}
