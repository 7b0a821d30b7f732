import { CheckOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Form, Input, List, Modal, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../app/format';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useAuth } from '../../../app/auth/auth-context';
import { useAttendance, useConfirmSignature, useCreateMotion, useDecideMotion, useMotions, useOwnDeputyId, type MotionInput } from '../api';
import type { Motion, MotionState, SessionDetail } from '../types';

const STATE_COLORS: Record<MotionState, string> = { submitted: 'blue', on_agenda: 'green', converted_to_suggestion: 'gold' };
type Decision = 'put_on_agenda' | 'convert_to_suggestion';

/**
 * 议案: a motion needs 5 or more deputies jointly (地方组织法 第22条); signers confirm (a deputy
 * online, or the office records a paper signature); the presidium puts it on the agenda or hands
 * it on as a 建议.
 */
export function MotionsTab({ session }: { session: SessionDetail }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const isDeputy = me?.user.role === 'deputy';
  const motions = useMotions(session.id);
  const own = useOwnDeputyId(isDeputy);
  const [creating, setCreating] = useState(false);
  const canCreate = session.can.submitMotion && session.state !== 'closed';

  return (
    <div>
      {canCreate ? (
        <div className="page-toolbar">
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>{t('sessions.motions.add')}</Button>
        </div>
      ) : null}
      {motions.data?.length === 0 ? <Empty description={t('sessions.motions.empty')} /> : null}
      {(motions.data ?? []).map((m) => <MotionCard key={m.id} session={session} motion={m} ownDeputyId={own.data ?? null} />)}
      {creating ? <MotionFormModal session={session} isDeputy={isDeputy} onClose={() => setCreating(false)} /> : null}
    </div>
  );
}

function MotionCard({ session, motion, ownDeputyId }: { session: SessionDetail; motion: Motion; ownDeputyId: string | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const confirm = useConfirmSignature(session.id);
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const isSubmitted = motion.state === 'submitted';
  const missing = Math.max(0, motion.requiredSigners - motion.confirmedSigners);
  const tooFew = missing > 0;

  const sign = (deputyId: string) => confirm.mutate({ motionId: motion.id, deputyId }, {
    onSuccess: () => void message.success(t('sessions.motions.signed')),
    onError: (err) => report(err),
  });

  return (
    <Card
      size="small"
      className="motion-card"
      data-testid="motion-card"
      title={<Space wrap><span>{motion.title}</span><Tag color={STATE_COLORS[motion.state]}>{t(`sessions.motions.states.${motion.state}`)}</Tag></Space>}
    >
      <dl className="motion-text">
        <dt>{t('sessions.motions.reason')}</dt><dd>{motion.reason}</dd>
        <dt>{t('sessions.motions.basis')}</dt><dd>{motion.basis}</dd>
        <dt>{t('sessions.motions.proposal')}</dt><dd>{motion.proposal}</dd>
      </dl>
      <Typography.Title level={3} style={{ fontSize: 15, marginTop: 16 }}>
        {t('sessions.motions.signers')}{'\u3000'}
        <Typography.Text type={tooFew ? 'danger' : 'success'} data-testid="motion-signer-count">
          {t('sessions.motions.confirmedCount', { confirmed: motion.confirmedSigners, required: motion.requiredSigners })}
        </Typography.Text>
      </Typography.Title>
      <List
        size="small"
        bordered
        dataSource={motion.signers}
        renderItem={(s) => {
          const canSelf = isSubmitted && !s.confirmedAt && session.can.submitMotion && ownDeputyId === s.deputyId;
          const canPaper = isSubmitted && !s.confirmedAt && session.can.manage;
          return (
            <List.Item
              actions={[
                canSelf ? <Button key="self" size="small" type="primary" onClick={() => sign(s.deputyId)} loading={confirm.isPending}>{t('sessions.motions.confirmSelf')}</Button> : null,
                canPaper ? <Button key="paper" size="small" onClick={() => sign(s.deputyId)} loading={confirm.isPending} aria-label={`${t('sessions.motions.recordPaper')}：${s.name}`}>{t('sessions.motions.recordPaper')}</Button> : null,
              ].filter(Boolean)}
            >
              <Space wrap>
                <span>{s.name}</span>
                {s.isLead ? <Tag color="red">{t('sessions.motions.isLead')}</Tag> : null}
                {s.confirmedAt ? (
                  <Tag color="green" icon={<CheckOutlined aria-hidden />}>{t('sessions.motions.confirmed')}·{s.confirmation ? t(`sessions.motions.confirmation.${s.confirmation}`) : ''}</Tag>
                ) : <Tag>{t('sessions.motions.unconfirmed')}</Tag>}
              </Space>
            </List.Item>
          );
        }}
      />
      {motion.decidedAt ? (
        <Typography.Paragraph className="vote-note">
          {t('sessions.motions.decisionAt')} {formatDateTime(motion.decidedAt)}{motion.decisionNote ? `\u3000${motion.decisionNote}` : ''}
        </Typography.Paragraph>
      ) : null}
      {isSubmitted && session.can.preside ? (
        <div style={{ marginTop: 12 }}>
          {tooFew ? <Alert type="warning" showIcon title={t('sessions.motions.tooFew', { confirmed: motion.confirmedSigners, missing })} style={{ marginBottom: 8 }} /> : null}
          <Space wrap>
            <Tooltip title={tooFew ? t('sessions.motions.tooFew', { confirmed: motion.confirmedSigners, missing }) : undefined}>
              <Button type="primary" disabled={tooFew || session.state === 'closed'} onClick={() => setDeciding('put_on_agenda')}>{t('sessions.motions.putOnAgenda')}</Button>
            </Tooltip>
            <Button onClick={() => setDeciding('convert_to_suggestion')}>{t('sessions.motions.convert')}</Button>
          </Space>
        </div>
      ) : null}
      {deciding ? <DecisionModal session={session} motion={motion} decision={deciding} onClose={() => setDeciding(null)} /> : null}
    </Card>
  );
}

function DecisionModal({ session, motion, decision, onClose }: { session: SessionDetail; motion: Motion; decision: Decision; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const decide = useDecideMotion(session.id);
  const [form] = Form.useForm<{ note?: string }>();
  const label = decision === 'put_on_agenda' ? t('sessions.motions.putOnAgenda') : t('sessions.motions.convert');
  return (
    <Modal
      open
      title={t('sessions.motions.decideTitle', { decision: label })}
      okText={label}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={decide.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph strong>{motion.title}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => decide.mutate({ motionId: motion.id, decision, note: v.note?.trim() ? v.note.trim() : null }, {
          onSuccess: () => { void message.success(t('sessions.motions.decided')); onClose(); },
          onError: (err) => report(err, form),
        })}
      >
        <Form.Item label={t('sessions.motions.decisionNote')} name="note" rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MotionFormModal({ session, isDeputy, onClose }: { session: SessionDetail; isDeputy: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const create = useCreateMotion(session.id);
  const seats = useAttendance(session.id, false);
  const own = useOwnDeputyId(isDeputy);
  const [form] = Form.useForm<MotionInput>();
  const lead = Form.useWatch('leadDeputyId', form);
  const leadId = isDeputy ? own.data ?? undefined : lead;
  const options = useMemo(
    () => (seats.data?.items ?? []).map((s) => ({ value: s.deputyId, label: s.constituency ? `${s.name}（${s.constituency}）` : s.name })),
    [seats.data],
  );
  const text = (name: 'title' | 'reason' | 'basis' | 'proposal', rows?: number) => (
    <Form.Item
      label={t(`sessions.motions.${name}`)}
      name={name}
      rules={[{ required: true, whitespace: true, max: name === 'title' ? 200 : 10_000, message: t('sessions.motions.required', { field: t(`sessions.motions.${name}`) }) }]}
    >
      {rows ? <Input.TextArea rows={rows} maxLength={10_000} /> : <Input maxLength={200} />}
    </Form.Item>
  );
  return (
    <Modal
      open
      title={t('sessions.motions.addTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      width={720}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ coSignerIds: [] }}
        onFinish={(v) => create.mutate({
          title: v.title.trim(), reason: v.reason.trim(), basis: v.basis.trim(), proposal: v.proposal.trim(),
          ...(isDeputy ? {} : { leadDeputyId: v.leadDeputyId }),
          coSignerIds: v.coSignerIds ?? [],
        }, {
          onSuccess: () => { void message.success(t('sessions.motions.created')); onClose(); },
          onError: (err) => report(err, form),
        })}
      >
        {text('title')}
        {text('reason', 3)}
        {text('basis', 3)}
        {text('proposal', 4)}
        {!isDeputy ? (
          <Form.Item label={t('sessions.motions.lead')} name="leadDeputyId" rules={[{ required: true, message: t('sessions.motions.leadRequired') }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} loading={seats.isPending} options={options} />
          </Form.Item>
        ) : null}
        <Form.Item label={t('sessions.motions.coSigners')} name="coSignerIds" extra={t('sessions.motions.coSignersHint')}>
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            loading={seats.isPending}
            options={options.filter((o) => o.value !== leadId)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
