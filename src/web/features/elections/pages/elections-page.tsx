import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Progress, Select, Space, Table, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useAuth, useTownship } from '../../../app/auth/auth-context';
import { thisYear } from '../../../app/format';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useCreateRound, useProfiles, useRounds, type RoundInput } from '../api';
import type { RoundListItem } from '../types';
import '../elections.css';

/** The township's election rounds (换届选举), each with the figure "N of M villages elected on schedule". */
export default function ElectionsPage() {
  const { t, i18n } = useTranslation();
  const township = useTownship();
  const { can } = useAuth();
  const rounds = useRounds(township.id);
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<RoundListItem> = [
    { title: t('elections.rounds.name'), key: 'name', render: (_, r) => <Link to={`/elections/rounds/${r.id}`}>{r.name}</Link> },
    { title: t('elections.rounds.year'), dataIndex: 'year', width: 90 },
    { title: t('elections.rounds.voteDay'), dataIndex: 'plannedVoteDay', width: 130 },
    { title: t('elections.rounds.profile'), key: 'profile', render: (_, r) => (i18n.language === 'en-US' ? r.profileNameEn : r.profileName) },
    {
      title: t('elections.rounds.progress'), key: 'progress', width: 300,
      render: (_, r) => (
        <Space direction="vertical" size={0} style={{ width: '100%' }}>
          <Progress percent={r.stats.villages ? Math.round((r.stats.done / r.stats.villages) * 100) : 0} size="small" aria-label={t('elections.rounds.progress')} />
          <span>{t('elections.rounds.figure', { total: r.stats.villages, onSchedule: r.stats.electedOnSchedule })}</span>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('elections.title')}
        extra={can('election.manage') ? <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>{t('elections.rounds.add')}</Button> : undefined}
      >
        <p className="page-intro">{t('elections.intro')}</p>
      </PageHeader>
      <Card>
        {rounds.isError ? <QueryError error={rounds.error} onRetry={() => void rounds.refetch()} /> : (
          <Table<RoundListItem> rowKey="id" loading={rounds.isPending} columns={columns} dataSource={rounds.data?.items ?? []}
            locale={{ emptyText: t('elections.rounds.empty') }} pagination={false} />
        )}
      </Card>
      {creating ? <CreateRoundModal onClose={() => setCreating(false)} /> : null}
    </>
  );
}

interface FormValues {
  name: string; year: number; plannedVoteDay: dayjs.Dayjs; profileKey: string; runoffExtraCandidates: number;
  chair: number; viceChair: number; member: number; ballotBoxes: number;
}

function CreateRoundModal({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const township = useTownship();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const profiles = useProfiles();
  const create = useCreateRound(township.id);
  const [form] = Form.useForm<FormValues>();
  const year = thisYear();

  const submit = async (v: FormValues) => {
    const input: RoundInput = {
      name: v.name, year: v.year, plannedVoteDay: v.plannedVoteDay.format('YYYY-MM-DD'), profileKey: v.profileKey, runoffExtraCandidates: v.runoffExtraCandidates,
      seats: { chair: v.chair, viceChair: v.viceChair, member: v.member }, ballotBoxes: v.ballotBoxes,
    };
    try {
      const round = await create.mutateAsync(input);
      void message.success(t('common.created'));
      onClose();
      void navigate(`/elections/rounds/${round.id}`);
    } catch (err) {
      report(err, form);
    }
  };

  return (
    <Modal open title={t('elections.rounds.addTitle')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} okText={t('common.save')} width={640}>
      <Form<FormValues> form={form} layout="vertical" onFinish={(v) => void submit(v)}
        initialValues={{ name: t('elections.rounds.defaultName', { year }), year, profileKey: 'national', runoffExtraCandidates: 1, chair: 1, viceChair: 1, member: 3, ballotBoxes: 3 }}>
        <Form.Item name="name" label={t('elections.rounds.name')} rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>
        <Space size="large" wrap>
          <Form.Item name="year" label={t('elections.rounds.year')} rules={[{ required: true }]}><InputNumber min={2000} max={2100} /></Form.Item>
          <Form.Item name="plannedVoteDay" label={t('elections.rounds.voteDay')} rules={[{ required: true }]}><DatePicker /></Form.Item>
        </Space>
        <Form.Item name="profileKey" label={t('elections.rounds.profile')} rules={[{ required: true }]}>
          <Select options={(profiles.data?.items ?? []).map((p) => ({ value: p.key, label: i18n.language === 'en-US' ? p.nameEn : p.name }))} />
        </Form.Item>
        <Form.Item label={t('elections.rounds.seats')} extra={t('elections.rounds.seatsHelp')}>
          <Space wrap>
            <Form.Item name="chair" noStyle><InputNumber min={1} max={1} addonBefore={t('elections.offices.chair')} aria-label={t('elections.offices.chair')} /></Form.Item>
            <Form.Item name="viceChair" noStyle><InputNumber min={0} max={6} addonBefore={t('elections.offices.vice_chair')} aria-label={t('elections.offices.vice_chair')} /></Form.Item>
            <Form.Item name="member" noStyle><InputNumber min={0} max={6} addonBefore={t('elections.offices.member')} aria-label={t('elections.offices.member')} /></Form.Item>
          </Space>
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item name="ballotBoxes" label={t('elections.rounds.boxes')}><InputNumber min={1} max={200} /></Form.Item>
          <Form.Item name="runoffExtraCandidates" label={t('elections.rounds.runoffExtra')} extra={t('elections.rounds.runoffExtraHelp')}><InputNumber min={0} max={5} /></Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
