import { DownloadOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Empty, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { downloadFile, useResolutions, useSaveResolution, useVotes, type ResolutionInput } from '../api';
import type { Resolution, ResolutionOutcome, SessionDetail, Vote } from '../types';
import { formatMargin } from './session-bits';

const OUTCOME_COLORS: Record<ResolutionOutcome, string> = { pending: 'blue', adopted: 'green', rejected: 'red' };

/** 决议: drafts with their text, the deciding vote and outcome, and the official .docx. */
export function ResolutionsTab({ session }: { session: SessionDetail }) {
  const { t } = useTranslation();
  const report = useErrorReporter();
  const resolutions = useResolutions(session.id);
  const votes = useVotes(session.id, false);
  const [editing, setEditing] = useState<Resolution | null | undefined>(undefined);
  const [downloading, setDownloading] = useState<string | null>(null);
  const canEdit = session.can.manage && session.state !== 'closed';

  const votesById = useMemo(() => new Map((votes.data ?? []).map((v) => [v.id, v])), [votes.data]);
  const voted = useMemo(() => new Set((votes.data ?? []).map((v) => v.resolutionId).filter(Boolean)), [votes.data]);
  const agendaTitles = useMemo(() => new Map(session.agenda.map((a) => [a.id, a.title])), [session.agenda]);

  const download = (r: Resolution) => {
    setDownloading(r.id);
    downloadFile(r.documentUrl, `${r.title}.docx`).catch((err: unknown) => report(err)).finally(() => setDownloading(null));
  };

  const voteLine = (v: Vote | undefined) => {
    if (!v?.counts || v.margin === null) return '—';
    return `${v.title}：${t('sessions.resolutions.voteSummary', { yes: v.counts.yes, no: v.counts.no, abstain: v.counts.abstain, threshold: v.threshold })}，${t('sessions.votes.margin')} ${formatMargin(v.margin)}`;
  };

  return (
    <div>
      {canEdit ? (
        <div className="page-toolbar">
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(null)}>{t('sessions.resolutions.add')}</Button>
        </div>
      ) : null}
      {resolutions.data?.length === 0 ? <Empty description={t('sessions.resolutions.empty')} /> : null}
      {(resolutions.data ?? []).map((r) => {
        const isLocked = r.outcome !== 'pending' || voted.has(r.id);
        return (
          <Card
            key={r.id}
            size="small"
            className="resolution-card"
            data-testid="resolution-card"
            title={<Space wrap><span>{r.title}</span><Tag color={OUTCOME_COLORS[r.outcome]}>{t(`sessions.resolutions.outcomes.${r.outcome}`)}</Tag></Space>}
            extra={(
              <Space>
                {canEdit && !isLocked ? <Button size="small" icon={<EditOutlined aria-hidden />} onClick={() => setEditing(r)}>{t('common.edit')}</Button> : null}
                <Button size="small" icon={<DownloadOutlined aria-hidden />} loading={downloading === r.id} onClick={() => download(r)}>{t('sessions.resolutions.download')}</Button>
              </Space>
            )}
          >
            <div className="resolution-body">{r.body}</div>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2 }}
              items={[
                { key: 'agenda', label: t('sessions.resolutions.agendaItem'), children: r.agendaItemId ? agendaTitles.get(r.agendaItemId) ?? '—' : '—' },
                { key: 'adopted', label: t('sessions.resolutions.adoptedOn'), children: r.adoptedOn ?? '—' },
                { key: 'vote', label: t('sessions.resolutions.decidingVote'), children: voteLine(r.decidedVoteId ? votesById.get(r.decidedVoteId) : undefined), span: 2 },
              ]}
            />
            {isLocked && canEdit ? <Typography.Text type="secondary">{t('sessions.resolutions.locked')}</Typography.Text> : null}
          </Card>
        );
      })}
      {editing !== undefined ? <ResolutionModal session={session} resolution={editing} onClose={() => setEditing(undefined)} /> : null}
    </div>
  );
}

function ResolutionModal({ session, resolution, onClose }: { session: SessionDetail; resolution: Resolution | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const save = useSaveResolution(session.id);
  const [form] = Form.useForm<ResolutionInput>();
  return (
    <Modal
      open
      title={resolution ? t('sessions.resolutions.editTitle') : t('sessions.resolutions.addTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      width={760}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={resolution ? { title: resolution.title, body: resolution.body, agendaItemId: resolution.agendaItemId } : { title: session.fullName + '关于', agendaItemId: null }}
        onFinish={(v) => save.mutate({ id: resolution?.id, title: v.title.trim(), body: v.body.trim(), agendaItemId: v.agendaItemId ?? null }, {
          onSuccess: () => { void message.success(t('common.saved')); onClose(); },
          onError: (err) => report(err, form),
        })}
      >
        <Form.Item label={t('sessions.resolutions.title')} name="title" rules={[{ required: true, whitespace: true, max: 200, message: t('sessions.resolutions.titleRequired') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={t('sessions.resolutions.agendaItem')} name="agendaItemId">
          <Select allowClear options={session.agenda.filter((a) => !a.archivedAt).map((a) => ({ value: a.id, label: a.title }))} />
        </Form.Item>
        <Form.Item
          label={t('sessions.resolutions.body')}
          name="body"
          extra={t('sessions.resolutions.bodyHint')}
          rules={[{ required: true, whitespace: true, max: 50_000, message: t('sessions.resolutions.bodyRequired') }]}
        >
          <Input.TextArea rows={12} maxLength={50_000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
