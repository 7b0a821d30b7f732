import { App, Form, Input, Modal, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useOpenVote } from '../api';
import { VOTE_KINDS, type Resolution, type SessionDetail, type VoteKind } from '../types';

interface Values {
  kind: VoteKind;
  target: string;
  title: string;
}

/** Opens a vote on a pending resolution or an agenda item, by show of hands or roll call. */
export function OpenVoteModal({ session, resolutions, onClose }: { session: SessionDetail; resolutions: Resolution[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const open = useOpenVote(session.id);
  const [form] = Form.useForm<Values>();

  const pending = resolutions.filter((r) => r.outcome === 'pending');
  const items = session.agenda.filter((a) => !a.archivedAt);
  const targets = [
    ...pending.map((r) => ({ value: `r:${r.id}`, label: t('sessions.votes.targetResolution', { title: r.title }), title: r.title })),
    ...items.map((a) => ({ value: `a:${a.id}`, label: t('sessions.votes.targetAgenda', { title: a.title }), title: a.title })),
  ];
  const titleFor = (value: string) => {
    const found = targets.find((x) => x.value === value);
    return found ? `${t('sessions.votes.titlePrefix')}${found.title.replace(/^.*会议(?=关于)/, '')}` : '';
  };
  const first = targets[0]?.value;

  const onFinish = (values: Values) => {
    const [type, id] = values.target.split(':') as ['r' | 'a', string];
    const resolution = type === 'r' ? resolutions.find((r) => r.id === id) : undefined;
    open.mutate({
      kind: values.kind,
      title: values.title.trim(),
      resolutionId: type === 'r' ? id : null,
      agendaItemId: type === 'a' ? id : resolution?.agendaItemId ?? null,
    }, {
      onSuccess: () => {
        void message.success(t('sessions.votes.inProgress'));
        onClose();
      },
      onError: (err) => report(err, form),
    });
  };

  return (
    <Modal
      open
      title={t('sessions.votes.openTitle')}
      okText={t('sessions.votes.open')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={open.isPending}
      width={620}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ kind: 'show_of_hands', target: first, title: first ? titleFor(first) : '' }}
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.target) form.setFieldValue('title', titleFor(changed.target));
        }}
      >
        <Form.Item label={t('sessions.votes.kind')} name="kind">
          <Radio.Group optionType="button" buttonStyle="solid" options={VOTE_KINDS.map((k) => ({ value: k, label: t(`sessions.votes.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item label={t('sessions.votes.target')} name="target" rules={[{ required: true, message: t('sessions.votes.targetRequired') }]}>
          <Select options={targets.map(({ value, label }) => ({ value, label }))} />
        </Form.Item>
        <Form.Item label={t('sessions.votes.voteTitle')} name="title" rules={[{ required: true, whitespace: true, max: 200, message: t('sessions.votes.voteTitleRequired') }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
