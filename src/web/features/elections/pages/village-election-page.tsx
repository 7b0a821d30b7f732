import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, InputNumber, Modal, Space, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useElection, useUpdateElection } from '../api';
import { CalendarTab } from '../components/calendar-tab';
import { CandidatesTab } from '../components/candidates-tab';
import { ResultTab } from '../components/result-tab';
import { RollTab } from '../components/roll-tab';
import { TallyTab } from '../components/tally-tab';
import type { ElectionDetail, Seats } from '../types';
import '../elections.css';

const STATE_COLOR = { pending: 'default', runoff_needed: 'orange', done: 'green', invalid: 'red' } as const;
const TABS = ['calendar', 'roll', 'candidates', 'tally', 'result'] as const;

/** A village's election: calendar, roll, candidates, the double-entered tally and the result. */
export default function VillageElectionPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const election = useElection(id);
  const [editing, setEditing] = useState(false);
  if (election.isError) return <QueryError error={election.error} onRetry={() => void election.refetch()} />;
  if (!election.data) return <Card loading />;
  const e = election.data;
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab')! : 'calendar';
  const total = e.seats.chair + e.seats.viceChair + e.seats.member;

  return (
    <>
      <PageHeader
        title={<>{e.villageName} <Tag color={STATE_COLOR[e.state]}>{t(`elections.states.${e.state}`)}</Tag></>}
        extra={<Link to={`/elections/rounds/${e.roundId}`}><ArrowLeftOutlined aria-hidden /> {t('elections.election.back')}</Link>}
      >
        <p className="page-intro">
          {e.roundName} · {t('elections.election.summary', { total, chair: e.seats.chair, viceChair: e.seats.viceChair, member: e.seats.member, voters: e.voters, boxes: e.ballotBoxes })}
          {e.can.manage && !e.tally.first.boxes.some((b) => b.entries.length) ? (
            <Button type="link" icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>{t('elections.election.seatsEdit')}</Button>
          ) : null}
        </p>
      </PageHeader>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          items={TABS.map((k) => ({
            key: k,
            label: t(`elections.election.tabs.${k}`),
            children: k === 'calendar' ? <CalendarTab election={e} />
              : k === 'roll' ? <RollTab election={e} />
                : k === 'candidates' ? <CandidatesTab election={e} />
                  : k === 'tally' ? <TallyTab election={e} />
                    : <ResultTab election={e} />,
          }))}
        />
      </Card>
      {editing ? <SeatsModal election={e} onClose={() => setEditing(false)} /> : null}
    </>
  );
}

function SeatsModal({ election, onClose }: { election: ElectionDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const update = useUpdateElection(election.id);
  const [form] = Form.useForm<Seats & { ballotBoxes: number }>();
  const submit = async (v: Seats & { ballotBoxes: number }) => {
    try {
      await update.mutateAsync({ seats: { chair: v.chair, viceChair: v.viceChair, member: v.member }, ballotBoxes: v.ballotBoxes });
      void message.success(t('common.saved'));
      onClose();
    } catch (err) {
      report(err, form);
    }
  };
  return (
    <Modal open title={t('elections.election.seatsTitle')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={update.isPending}>
      <Form form={form} layout="vertical" initialValues={{ ...election.seats, ballotBoxes: election.ballotBoxes }} onFinish={(v) => void submit(v)}>
        <Space wrap>
          <Form.Item name="chair" label={t('elections.offices.chair')}><InputNumber min={1} max={1} /></Form.Item>
          <Form.Item name="viceChair" label={t('elections.offices.vice_chair')}><InputNumber min={0} max={6} /></Form.Item>
          <Form.Item name="member" label={t('elections.offices.member')}><InputNumber min={0} max={6} /></Form.Item>
          <Form.Item name="ballotBoxes" label={t('elections.rounds.boxes')}><InputNumber min={1} max={200} /></Form.Item>
        </Space>
        <p>{t('elections.rounds.seatsHelp')}</p>
      </Form>
    </Modal>
  );
}
