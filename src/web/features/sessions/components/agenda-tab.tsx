import { DeleteOutlined, FileOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { formatSize } from '../../../app/format';
import {
  downloadFile, useArchiveDocument, useCreateAgendaItem, useUpdateAgendaItem, useUploadDocument, type AgendaInput,
} from '../api';
import { AGENDA_KINDS, type AgendaItem, type SessionDetail, type SessionDocument } from '../types';
import { AgendaKindTag } from './session-bits';

const ACCEPT = '.docx,.pdf,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A document link: fetched through the API client so a failure shows a translated message. */
export function DocumentLink({ doc }: { doc: SessionDocument }) {
  const { t } = useTranslation();
  const report = useErrorReporter();
  return (
    <a
      href={doc.downloadUrl}
      aria-label={t('sessions.agenda.download', { name: doc.fileName })}
      onClick={(e) => {
        e.preventDefault();
        downloadFile(doc.downloadUrl, doc.fileName).catch((err: unknown) => report(err));
      }}
    >
      <FileOutlined aria-hidden /> {doc.fileName}
    </a>
  );
}

/** 议程: items by kind, their documents (.docx/.pdf), add, edit, withdraw. */
export function AgendaTab({ session }: { session: SessionDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const update = useUpdateAgendaItem(session.id);
  const upload = useUploadDocument(session.id);
  const archiveDoc = useArchiveDocument(session.id);
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<AgendaItem | null | undefined>(undefined);
  const canEdit = session.can.manage && session.state !== 'closed';

  const rows = useMemo(
    () => session.agenda.filter((a) => showArchived || !a.archivedAt).sort((a, b) => a.position - b.position),
    [session.agenda, showArchived],
  );

  const uploadTo = (item: AgendaItem) => (
    <Upload
      accept={ACCEPT}
      showUploadList={false}
      multiple
      beforeUpload={(file) => {
        if (!/\.(docx|pdf)$/i.test(file.name)) {
          void message.error(t('sessions.agenda.uploadTypeInvalid'));
          return Upload.LIST_IGNORE;
        }
        return true;
      }}
      customRequest={({ file, onSuccess, onError }) => {
        const f = file as File;
        upload.mutate({ agendaItemId: item.id, file: f }, {
          onSuccess: (doc) => {
            onSuccess?.(doc);
            void message.success(t('sessions.agenda.uploaded', { name: doc.fileName }));
          },
          onError: (err) => {
            onError?.(err as Error);
            report(err);
          },
        });
      }}
    >
      <Button size="small" icon={<UploadOutlined aria-hidden />} aria-label={`${t('sessions.agenda.upload')}：${item.title}`}>{t('sessions.agenda.upload')}</Button>
    </Upload>
  );

  const columns: TableColumnsType<AgendaItem> = [
    { title: t('sessions.agenda.position'), dataIndex: 'position', width: 64, align: 'center' },
    { title: t('sessions.agenda.kind'), dataIndex: 'kind', width: 140, render: (kind: AgendaItem['kind']) => <AgendaKindTag kind={kind} /> },
    {
      title: t('sessions.agenda.title'), key: 'title',
      render: (_, a) => (
        <>
          <div>{a.title} {a.motionId ? <Tag color="cyan">{t('sessions.agenda.fromMotion')}</Tag> : null} {a.archivedAt ? <Tag>{t('sessions.agenda.archived')}</Tag> : null}</div>
          {a.description ? <Typography.Text type="secondary">{a.description}</Typography.Text> : null}
        </>
      ),
    },
    {
      title: t('sessions.agenda.documents'), key: 'documents', width: 340,
      render: (_, a) => (
        <>
          {a.documents.length === 0 ? <Typography.Text type="secondary">{t('sessions.agenda.noDocuments')}</Typography.Text> : (
            <ul className="agenda-docs">
              {a.documents.map((d) => (
                <li key={d.id}>
                  <DocumentLink doc={d} />
                  <span className="doc-size">{formatSize(d.sizeBytes)}</span>
                  {canEdit ? (
                    <Popconfirm
                      title={t('sessions.agenda.removeDocumentConfirm', { name: d.fileName })}
                      okText={t('sessions.agenda.removeDocument')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => archiveDoc.mutate(d.id, { onSuccess: () => void message.success(t('sessions.agenda.removed')), onError: (err) => report(err) })}
                    >
                      <Button type="link" size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={`${t('sessions.agenda.removeDocument')}：${d.fileName}`} />
                    </Popconfirm>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {canEdit && !a.archivedAt ? <div style={{ marginTop: 4 }}>{uploadTo(a)}</div> : null}
        </>
      ),
    },
  ];
  if (canEdit) {
    columns.push({
      title: t('common.actions'), key: 'actions', width: 130,
      render: (_, a) => (
        <Space size="small">
          <Button type="link" size="small" onClick={() => setEditing(a)}>{t('common.edit')}</Button>
          {a.archivedAt ? (
            <Button type="link" size="small" onClick={() => update.mutate({ id: a.id, archived: false }, { onError: (err) => report(err) })}>{t('sessions.agenda.restore')}</Button>
          ) : (
            <Popconfirm
              title={t('sessions.agenda.archiveConfirm', { title: a.title })}
              okText={t('sessions.agenda.archive')}
              cancelText={t('common.cancel')}
              onConfirm={() => update.mutate({ id: a.id, archived: true }, { onError: (err) => report(err) })}
            >
              <Button type="link" size="small" danger>{t('sessions.agenda.archive')}</Button>
            </Popconfirm>
          )}
        </Space>
      ),
    });
  }

  return (
    <div>
      <div className="page-toolbar">
        {canEdit ? <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(null)}>{t('sessions.agenda.add')}</Button> : null}
        <label>
          <Switch size="small" checked={showArchived} onChange={setShowArchived} aria-label={t('sessions.agenda.showArchived')} />
          <span aria-hidden>{t('sessions.agenda.showArchived')}</span>
        </label>
        {canEdit ? <Typography.Text type="secondary">{t('sessions.agenda.uploadHint')}</Typography.Text> : null}
      </div>
      {session.can.manage && session.state === 'closed' ? <Alert type="info" showIcon title={t('sessions.agenda.readOnly')} style={{ marginBottom: 12 }} /> : null}
      <Table<AgendaItem>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        pagination={false}
        rowClassName={(a) => (a.archivedAt ? 'row-archived' : '')}
        locale={{ emptyText: t('sessions.agenda.empty') }}
      />
      {editing !== undefined ? <AgendaItemModal sessionId={session.id} item={editing} onClose={() => setEditing(undefined)} /> : null}
    </div>
  );
}

function AgendaItemModal({ sessionId, item, onClose }: { sessionId: string; item: AgendaItem | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const create = useCreateAgendaItem(sessionId);
  const update = useUpdateAgendaItem(sessionId);
  const [form] = Form.useForm<AgendaInput>();

  const onFinish = (values: AgendaInput) => {
    const input = { kind: values.kind, title: values.title.trim(), description: values.description?.trim() ? values.description.trim() : null };
    const handlers = { onSuccess: () => { void message.success(t('common.saved')); onClose(); }, onError: (err: unknown) => report(err, form) };
    if (item) update.mutate({ id: item.id, ...input }, handlers);
    else create.mutate(input, handlers);
  };

  return (
    <Modal
      open
      title={item ? t('sessions.agenda.editTitle') : t('sessions.agenda.addTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={item ? { kind: item.kind, title: item.title, description: item.description ?? '' } : { kind: 'other' }}>
        <Form.Item label={t('sessions.agenda.kind')} name="kind" rules={[{ required: true }]}>
          <Select options={AGENDA_KINDS.map((k) => ({ value: k, label: t(`sessions.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item label={t('sessions.agenda.title')} name="title" rules={[{ required: true, whitespace: true, max: 200, message: t('sessions.agenda.titleRequired') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={t('sessions.agenda.description')} name="description" rules={[{ max: 4000 }]}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
