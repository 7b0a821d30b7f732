import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Descriptions, Form, Input, List, Modal, Row, Select, Space, Statistic, Table, Tag, type TableColumnsType } from 'antd';
import type dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useTownship } from '../../../app/auth/auth-context';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useVillages } from '../../villages/api';
import { useAddTraining, useRemoveTraining, useRound, useSetGuidance } from '../api';
import type { GuidanceMember, RoundDetail, VillageSummary } from '../types';
import '../elections.css';

const SCHEDULE_COLOR = { done: 'green', behind: 'red', on_schedule: 'blue' } as const;
const STATE_COLOR = { pending: 'default', runoff_needed: 'orange', done: 'green', invalid: 'red' } as const;

/** One round: the township dashboard of villages (on schedule, done, behind), the guidance group and training. */
export default function RoundPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const round = useRound(id);
  if (round.isError) return <QueryError error={round.error} onRetry={() => void round.refetch()} />;
  if (!round.data) return <Card loading />;
  const r = round.data;

  const columns: TableColumnsType<VillageSummary> = [
    { title: t('elections.round.village'), key: 'village', render: (_, v) => <Link to={`/elections/villages/${v.electionId}`}>{v.villageName}</Link> },
    { title: t('elections.round.state'), key: 'state', width: 130, render: (_, v) => <Tag color={STATE_COLOR[v.state]}>{t(`elections.states.${v.state}`)}</Tag> },
    {
      title: t('elections.round.schedule'), key: 'schedule', width: 200,
      render: (_, v) => (
        <Space size={4} wrap>
          <Tag color={SCHEDULE_COLOR[v.schedule]}>{t(`elections.schedule.${v.schedule}`)}</Tag>
          {v.flagCount ? <Tag color="warning">{t('elections.round.flags', { count: v.flagCount })}</Tag> : null}
        </Space>
      ),
    },
    { title: t('elections.round.voters'), dataIndex: 'voters', width: 100, align: 'right' },
    { title: t('elections.round.plannedVoteDay'), dataIndex: 'plannedVoteDay', width: 120 },
    { title: t('elections.round.votedOn'), key: 'votedOn', width: 120, render: (_, v) => v.votedOn ?? '—' },
    { title: t('elections.round.runoff'), key: 'runoff', width: 110, render: (_, v) => (v.hasRunoff ? <Tag color="orange">{t('elections.round.runoff')}</Tag> : null) },
  ];

  return (
    <>
      <PageHeader title={r.name}>
        <p className="page-intro">{i18n.language === 'en-US' ? r.profileNameEn : r.profileName} · {t('elections.rounds.voteDay')} {r.plannedVoteDay} · {t('elections.round.runoffSetting', { count: r.runoffExtraCandidates })}</p>
      </PageHeader>
      <Card title={t('elections.round.dashboard')} className="elections-box">
        <div className="elections-stats">
          <Statistic title={t('elections.round.statDone')} value={r.stats.done} suffix={`/ ${r.stats.villages}`} />
          <Statistic title={t('elections.round.statOnSchedule')} value={r.stats.electedOnSchedule} suffix={`/ ${r.stats.villages}`} />
          <Statistic title={t('elections.round.statBehind')} value={r.stats.behind} />
          <Statistic title={t('elections.round.statRunoff')} value={r.stats.runoff} />
        </div>
        <p className="elections-figure">{t('elections.rounds.figure', { total: r.stats.villages, onSchedule: r.stats.electedOnSchedule })}</p>
        <Table<VillageSummary> rowKey="electionId" size="middle" columns={columns} dataSource={r.villages} pagination={false} />
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={10}><GuidanceCard round={r} /></Col>
        <Col xs={24} lg={14}><TrainingsCard round={r} /></Col>
      </Row>
    </>
  );
}

function GuidanceCard({ round }: { round: RoundDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const setGuidance = useSetGuidance(round.id);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ name: string; title?: string }>();
  const save = async (members: GuidanceMember[]) => {
    try {
      await setGuidance.mutateAsync(members.map((m) => ({ deputyId: m.deputyId, name: m.name, role: m.role, title: m.title })));
      void message.success(t('common.saved'));
      return true;
    } catch (err) {
      report(err, form);
      return false;
    }
  };
  return (
    <Card title={t('elections.round.guidance')} className="elections-box"
      extra={round.can.manage ? <Button icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>{t('elections.round.addMember')}</Button> : null}>
      <p>{t('elections.round.guidanceIntro')}</p>
      <List
        dataSource={round.guidance}
        locale={{ emptyText: t('elections.round.guidanceEmpty') }}
        renderItem={(m) => (
          <List.Item actions={round.can.manage && m.role === 'member' ? [
            <Button key="remove" type="link" danger icon={<DeleteOutlined aria-hidden />} aria-label={`${t('elections.round.remove')} ${m.name}`}
              onClick={() => void save(round.guidance.filter((g) => g.id !== m.id))} />,
          ] : []}>
            <Space><Tag color={m.role === 'leader' ? 'red' : m.role === 'deputy_leader' ? 'orange' : 'default'}>{t(`elections.roles.${m.role}`)}</Tag>{m.title ? t('elections.paren', { text: m.name, note: m.title }) : m.name}</Space>
          </List.Item>
        )}
      />
      {adding ? (
        <Modal open title={t('elections.round.addMember')} onCancel={() => setAdding(false)} onOk={() => form.submit()} confirmLoading={setGuidance.isPending}>
          <Form form={form} layout="vertical" onFinish={(v) => void save([...round.guidance, { id: '', deputyId: null, name: v.name, role: 'member', title: v.title ?? null }]).then((ok) => ok && setAdding(false))}>
            <Form.Item name="name" label={t('elections.round.memberName')} rules={[{ required: true }]}><Input maxLength={50} /></Form.Item>
            <Form.Item name="title" label={t('elections.round.memberTitle')}><Input maxLength={100} /></Form.Item>
          </Form>
        </Modal>
      ) : null}
    </Card>
  );
}

interface TrainingForm { heldOn: dayjs.Dayjs; topic: string; place: string; attendees: { name: string; villageId?: string; duty?: string }[] }

function TrainingsCard({ round }: { round: RoundDetail }) {
  const { t } = useTranslation();
  const township = useTownship();
  const villages = useVillages(township.id);
  const { message, modal } = App.useApp();
  const report = useErrorReporter();
  const add = useAddTraining(round.id);
  const removeTraining = useRemoveTraining(round.id);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<TrainingForm>();
  const villageName = new Map((villages.data ?? []).map((v) => [v.id, v.name]));
  const submit = async (v: TrainingForm) => {
    try {
      await add.mutateAsync({ heldOn: v.heldOn.format('YYYY-MM-DD'), topic: v.topic, place: v.place, attendees: (v.attendees ?? []).map((a) => ({ name: a.name, villageId: a.villageId ?? null, duty: a.duty ?? null })) });
      void message.success(t('common.saved'));
      setAdding(false);
    } catch (err) {
      report(err, form);
    }
  };
  return (
    <Card title={t('elections.round.trainings')} className="elections-box"
      extra={round.can.manage ? <Button icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>{t('elections.round.addTraining')}</Button> : null}>
      <List
        dataSource={round.trainings}
        locale={{ emptyText: t('elections.round.trainingsEmpty') }}
        renderItem={(tr) => (
          <List.Item actions={round.can.manage ? [
            <Button key="remove" type="link" danger icon={<DeleteOutlined aria-hidden />} aria-label={`${t('elections.round.remove')} ${tr.topic}`}
              onClick={() => modal.confirm({ title: t('elections.round.removeTraining'), onOk: () => removeTraining.mutateAsync(tr.id).catch(report) })} />,
          ] : []}>
            <Descriptions size="small" column={1} title={tr.topic} items={[
              { key: 'd', label: t('elections.round.heldOn'), children: tr.heldOn },
              { key: 'p', label: t('elections.round.place'), children: tr.place },
              {
                key: 'a', label: t('elections.round.attendees'),
                children: `${t('elections.round.attendeeCount', { count: tr.attendees.length })}：${tr.attendees.map((a) => `${a.name}${a.villageId ? `（${villageName.get(a.villageId) ?? ''}${a.duty ? ` ${a.duty}` : ''}）` : ''}`).join('、')}`,
              },
            ]} />
          </List.Item>
        )}
      />
      {adding ? (
        <Modal open width={720} title={t('elections.round.addTraining')} onCancel={() => setAdding(false)} onOk={() => form.submit()} confirmLoading={add.isPending}>
          <Form<TrainingForm> form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ attendees: [{ name: '' }] }}>
            <Form.Item name="heldOn" label={t('elections.round.heldOn')} rules={[{ required: true }]}><DatePicker /></Form.Item>
            <Form.Item name="topic" label={t('elections.round.topic')} rules={[{ required: true }]}><Input maxLength={200} /></Form.Item>
            <Form.Item name="place" label={t('elections.round.place')} rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>
            <Form.List name="attendees">
              {(fields, { add: addRow, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline" wrap>
                      <Form.Item name={[f.name, 'name']} rules={[{ required: true }]}><Input placeholder={t('elections.round.attendeeName')} aria-label={t('elections.round.attendeeName')} maxLength={50} /></Form.Item>
                      <Form.Item name={[f.name, 'villageId']}>
                        <Select style={{ width: 180 }} allowClear placeholder={t('elections.round.attendeeVillage')} aria-label={t('elections.round.attendeeVillage')}
                          options={(villages.data ?? []).map((v) => ({ value: v.id, label: v.name }))} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'duty']}><Input placeholder={t('elections.round.attendeeDuty')} aria-label={t('elections.round.attendeeDuty')} maxLength={50} /></Form.Item>
                      <Button type="link" danger icon={<DeleteOutlined aria-hidden />} aria-label={t('elections.round.remove')} onClick={() => remove(f.name)} />
                    </Space>
                  ))}
                  <Button icon={<PlusOutlined aria-hidden />} onClick={() => addRow({ name: '' })}>{t('elections.round.addAttendee')}</Button>
                </>
              )}
            </Form.List>
          </Form>
        </Modal>
      ) : null}
    </Card>
  );
}
