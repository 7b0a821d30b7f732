import { Alert, App, Button, Card, DatePicker, Form, InputNumber, Segmented, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api/client';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useAuth } from '../../../app/auth/auth-context';
import { useCount, useResolveBox, useTallyEntry, useUpdateElection } from '../api';
import type { Box, Candidate, ElectionDetail, Figures, Tally, TallyRound } from '../types';

const STATUS_COLOR = { empty: 'default', one_entry: 'blue', matched: 'green', mismatch: 'red', resolved: 'green' } as const;
type FormValues = { issued: number; returned: number; valid: number; invalid: number; votes: Record<string, number> };

/** The double-entry count per ballot box (双人录入), its comparison, and the count of the round. */
export function TallyTab({ election }: { election: ElectionDetail }) {
  const { t } = useTranslation();
  const [round, setRound] = useState<TallyRound>(election.tally.runoff && election.state === 'runoff_needed' ? 'runoff' : 'first');
  const tally = round === 'runoff' ? election.tally.runoff : election.tally.first;
  const open = round === 'first' ? election.state === 'pending' : election.state === 'runoff_needed';
  return (
    <>
      <p>{t('elections.tally.intro')}</p>
      {election.tally.runoff ? (
        <Segmented className="elections-box" value={round} onChange={(v) => setRound(v as TallyRound)}
          options={[{ value: 'first', label: t('elections.tally.first') }, { value: 'runoff', label: t('elections.tally.runoff') }]} />
      ) : null}
      {tally ? <RoundTally election={election} tally={tally} open={open} /> : null}
    </>
  );
}

/**
 * The run-off's ballot boxes: on the voting day it uses the first vote's boxes; held on a later
 * day it may set up fewer. Settled before its first entry.
 */
function RunoffBoxes({ election }: { election: ElectionDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const update = useUpdateElection(election.id);
  const [boxes, setBoxes] = useState<number | null>(election.runoffBallotBoxes ?? election.ballotBoxes);
  const save = async () => {
    try {
      await update.mutateAsync({ runoffBallotBoxes: boxes });
      void message.success(t('common.saved'));
    } catch (err) {
      report(err);
    }
  };
  return (
    <Card size="small" className="elections-box" title={t('elections.tally.runoffBoxesTitle')}>
      <p>{t('elections.tally.runoffBoxesHelp', { boxes: election.ballotBoxes })}</p>
      <Space wrap>
        <InputNumber min={1} max={200} value={boxes} onChange={(v) => setBoxes(v)} aria-label={t('elections.tally.runoffBoxes')} addonBefore={t('elections.tally.runoffBoxes')} />
        <Button onClick={() => void save()} loading={update.isPending} disabled={!boxes}>{t('common.save')}</Button>
      </Space>
    </Card>
  );
}

function RoundTally({ election, tally, open }: { election: ElectionDetail; tally: Tally; open: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const count = useCount(election.id);
  const [day, setDay] = useState(dayjs());
  const candidates = tally.candidateIds.map((id) => election.candidates.find((c) => c.id === id)!).filter(Boolean);
  const runCount = async () => {
    try {
      await count.mutateAsync({ round: tally.round, day: day.format('YYYY-MM-DD') });
      void message.success(t('common.saved'));
    } catch (err) {
      report(err);
    }
  };
  return (
    <>
      {!open ? <Alert type="info" showIcon className="elections-box" message={t('elections.tally.closed')} /> : null}
      {tally.round === 'runoff' && open && election.can.manage && !tally.boxes.some((b) => b.entries.length > 0) ? <RunoffBoxes election={election} /> : null}
      {tally.boxes.map((b) => <BoxCard key={`${tally.round}-${b.boxNo}`} election={election} round={tally.round} box={b} candidates={candidates} open={open} />)}
      <Card size="small" title={t('elections.tally.totals')} className="elections-box">
        <p>{t('elections.tally.issued')} {tally.totals.issued} · {t('elections.tally.returned')} {tally.totals.returned} · {t('elections.tally.valid')} {tally.totals.valid} · {t('elections.tally.invalid')} {tally.totals.invalid}</p>
        <p>{candidates.map((c) => `${c.name} ${tally.totals.votes[c.id] ?? 0}`).join(t('elections.voteSeparator'))}</p>
        {open && election.can.manage ? (
          <Space wrap>
            {!tally.isComplete ? <Tag color="orange">{t('elections.tally.incomplete')}</Tag> : null}
            <DatePicker value={day} onChange={(d) => d && setDay(d)} aria-label={t('elections.tally.countDay')} disabledDate={(d) => d.isAfter(dayjs(), 'day')} allowClear={false} />
            <Button type="primary" disabled={!tally.isComplete} loading={count.isPending} onClick={() => void runCount()}>
              {tally.round === 'first' ? t('elections.tally.count') : t('elections.tally.countRunoff')}
            </Button>
          </Space>
        ) : null}
      </Card>
    </>
  );
}

function BoxCard({ election, round, box, candidates, open }: { election: ElectionDetail; round: TallyRound; box: Box; candidates: Candidate[]; open: boolean }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const entry = useTallyEntry(election.id);
  const resolve = useResolveBox(election.id);
  const [problems, setProblems] = useState<string[]>([]);
  const alreadyEntered = box.entries.some((e) => e.clerkUserId === me?.user.id);
  const canEnter = open && election.can.tally && box.entries.length < 2 && !box.accepted && !alreadyEntered;
  const canResolve = open && election.can.manage && box.status === 'mismatch';

  const submit = async (v: FormValues, mode: 'entry' | 'resolve') => {
    setProblems([]);
    const body = { round, boxNo: box.boxNo, issued: v.issued, returned: v.returned, valid: v.valid, invalid: v.invalid, votes: Object.fromEntries(candidates.map((c) => [c.id, v.votes?.[c.id] ?? 0])) };
    try {
      await (mode === 'entry' ? entry : resolve).mutateAsync(body);
      void message.success(t('common.saved'));
    } catch (err) {
      if (err instanceof ApiError && err.fields.length) setProblems(err.fields.map((f) => f.message));
      report(err);
    }
  };
  const fieldLabel = (field: string, name?: string) => (field.startsWith('votes.') ? name ?? field : t(`elections.tally.${field}`));

  return (
    <Card size="small" className="elections-box" title={<>{t('elections.tally.box', { no: box.boxNo })} <Tag color={STATUS_COLOR[box.status]}>{t(`elections.tally.status.${box.status}`)}</Tag></>}>
      {box.entries.map((e) => <div key={e.entryNo}>{t('elections.tally.entryBy', { no: e.entryNo, name: e.clerkName })}</div>)}
      {box.resolvedBy ? <div>{t('elections.tally.resolvedBy', { name: box.resolvedBy })}</div> : null}
      {box.status === 'mismatch' ? (
        <Table size="small" className="elections-box" pagination={false} rowKey="field" title={() => t('elections.tally.mismatches')} dataSource={box.mismatches} columns={[
          { title: t('elections.tally.field'), key: 'f', render: (_, m) => fieldLabel(m.field, m.candidateName) },
          { title: t('elections.tally.firstEntry'), dataIndex: 'first', width: 100 },
          { title: t('elections.tally.secondEntry'), dataIndex: 'second', width: 100 },
        ]} />
      ) : null}
      {box.accepted ? <FiguresLine figures={box.accepted} candidates={candidates} /> : null}
      {problems.length ? <Alert type="error" showIcon className="elections-box" message={problems.join('；')} /> : null}
      {canEnter ? (
        <FiguresForm candidates={candidates} title={box.entries.length ? t('elections.tally.enterSecond') : t('elections.tally.enter')} submitText={t('elections.tally.submit')}
          loading={entry.isPending} onSubmit={(v) => submit(v, 'entry')} />
      ) : null}
      {alreadyEntered && !box.accepted && box.entries.length < 2 ? <Tag color="blue">{t('elections.tally.entered')}</Tag> : null}
      {canResolve ? (
        <FiguresForm candidates={candidates} title={t('elections.tally.resolveIntro')} submitText={t('elections.tally.resolve')} loading={resolve.isPending}
          initial={box.entries[0]!.figures} onSubmit={(v) => submit(v, 'resolve')} />
      ) : null}
    </Card>
  );
}

function FiguresLine({ figures, candidates }: { figures: Figures; candidates: Candidate[] }) {
  const { t } = useTranslation();
  return (
    <p>
      {t('elections.tally.issued')} {figures.issued} · {t('elections.tally.returned')} {figures.returned} · {t('elections.tally.valid')} {figures.valid} · {t('elections.tally.invalid')} {figures.invalid}
      <br />{candidates.map((c) => `${c.name} ${figures.votes[c.id] ?? 0}`).join(t('elections.voteSeparator'))}
    </p>
  );
}

function FiguresForm({ candidates, title, submitText, loading, initial, onSubmit }: {
  candidates: Candidate[]; title: string; submitText: string; loading: boolean; initial?: Figures; onSubmit: (v: FormValues) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const num = (name: string | string[], label: string) => (
    <Form.Item name={name} label={label} rules={[{ required: true, message: t('common.required', { field: label }) }]}>
      <InputNumber min={0} max={1_000_000} precision={0} aria-label={label} style={{ width: '100%' }} />
    </Form.Item>
  );
  return (
    <Form<FormValues> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void onSubmit(v).then(() => form.resetFields())}>
      <p><strong>{title}</strong></p>
      <div className="elections-figures">
        {num('issued', t('elections.tally.issued'))}
        {num('returned', t('elections.tally.returned'))}
        {num('valid', t('elections.tally.valid'))}
        {num('invalid', t('elections.tally.invalid'))}
      </div>
      <div className="elections-votes">
        {candidates.map((c) => <div key={c.id}>{num(['votes', c.id], t('elections.tally.votesOf', { name: c.name, office: t(`elections.offices.${c.office}`) }))}</div>)}
      </div>
      <Button type="primary" htmlType="submit" loading={loading}>{submitText}</Button>
    </Form>
  );
}
