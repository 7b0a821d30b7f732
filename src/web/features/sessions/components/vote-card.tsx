import { App, Button, Card, Form, Input, InputNumber, Modal, Radio, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../app/format';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useCloseVote, useRecordBallots, useRevote, useVote } from '../api';
import { BALLOT_CHOICES, type BallotChoice, type SessionDetail, type Vote } from '../types';
import { formatMargin } from './session-bits';

interface Props {
  session: SessionDetail;
  vote: Vote;
  /** Titles of the session's votes, for the links between a vote and its re-vote. */
  titles: Map<string, string>;
  /** Deputy names by id, for the roll call. */
  names: Map<string, string>;
}

function jumpTo(voteId: string) {
  const el = document.getElementById(`vote-${voteId}`);
  el?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  el?.focus();
}

/**
 * One vote: 应到, 出席, 通过所需票数 (more than half of ALL seated, 第25条), the counts, 差额 and the
 * outcome. While open, the presidium enters the show-of-hands counts or the roll-call choices and
 * closes it; a closed vote is read-only and corrected only by 重新表决 with a reason.
 */
export function VoteCard({ session, vote, titles, names }: Props) {
  const { t } = useTranslation();
  const canPreside = session.can.preside;
  const isSuperseded = vote.supersededByVoteId !== null;
  const [revoting, setRevoting] = useState(false);

  const status = vote.state === 'open'
    ? <Tag color="processing">{t('sessions.votes.inProgress')}</Tag>
    : vote.isPassed ? <Tag color="green">{t('sessions.votes.passed')}</Tag> : <Tag color="red">{t('sessions.votes.failed')}</Tag>;

  const c = vote.counts;
  const figure = (label: string, value: ReactNode, testId?: string, extra?: ReactNode) => (
    <div><dt>{label}</dt><dd data-testid={testId}>{value}{extra}</dd></div>
  );

  return (
    <Card
      id={`vote-${vote.id}`}
      tabIndex={-1}
      className={`vote-card${isSuperseded ? ' superseded' : ''}`}
      data-testid="vote-card"
      data-vote-state={vote.state}
      size="small"
      title={(
        <Space wrap>
          <span>{vote.title}</span>
          <Tag>{t(`sessions.votes.kinds.${vote.kind}`)}</Tag>
          {status}
          {isSuperseded ? <Tag color="default">{t('sessions.votes.supersededBy')}</Tag> : null}
        </Space>
      )}
      extra={vote.state === 'closed' && canPreside && session.state === 'open' && !isSuperseded
        ? <Button size="small" onClick={() => setRevoting(true)}>{t('sessions.votes.revote')}</Button>
        : null}
    >
      {vote.supersedesVoteId ? (
        <Typography.Paragraph className="vote-note" style={{ marginTop: 0 }}>
          {t('sessions.votes.supersedes')}{' '}
          <a href={`#vote-${vote.supersedesVoteId}`} onClick={(e) => { e.preventDefault(); jumpTo(vote.supersedesVoteId!); }}>
            {titles.get(vote.supersedesVoteId) ?? vote.supersedesVoteId}
          </a>
          {vote.revoteReason ? <>{'\u3000'}{t('sessions.votes.reason', { reason: vote.revoteReason })}</> : null}
        </Typography.Paragraph>
      ) : null}
      {isSuperseded ? (
        <Typography.Paragraph className="vote-note" style={{ marginTop: 0 }}>
          {t('sessions.votes.supersededBy')}：
          <a href={`#vote-${vote.supersededByVoteId}`} onClick={(e) => { e.preventDefault(); jumpTo(vote.supersededByVoteId!); }}>
            {t('sessions.votes.jumpTo', { title: t('sessions.votes.revote') })}
          </a>
        </Typography.Paragraph>
      ) : null}
      <dl className="vote-figures">
        {figure(t('sessions.votes.seated'), vote.seatedCount, 'vote-seated')}
        {figure(t('sessions.votes.present'), vote.presentCount, 'vote-present')}
        {figure(t('sessions.votes.threshold'), vote.threshold, 'vote-threshold', <small>{t('sessions.votes.thresholdText', { count: vote.threshold })}</small>)}
        {c ? (
          <>
            {figure(t('sessions.votes.yes'), c.yes, 'vote-yes')}
            {figure(t('sessions.votes.no'), c.no)}
            {figure(t('sessions.votes.abstain'), c.abstain)}
            {figure(t('sessions.votes.notVoting'), c.notVoting)}
          </>
        ) : null}
        {vote.margin !== null ? figure(
          t('sessions.votes.margin'),
          <span className={vote.margin >= 0 ? 'vote-margin-pos' : 'vote-margin-neg'}>{formatMargin(vote.margin)}</span>,
          'vote-margin',
        ) : null}
        {vote.state === 'closed' ? figure(t('sessions.votes.result'), vote.isPassed ? t('sessions.votes.passed') : t('sessions.votes.failed'), 'vote-result') : null}
      </dl>
      {vote.state === 'closed' && c ? <VoteExplanation vote={vote} yes={c.yes} /> : null}
      {vote.state === 'open' && canPreside && vote.kind === 'show_of_hands' ? <ShowOfHandsForm session={session} vote={vote} /> : null}
      {vote.kind === 'roll_call' ? <RollCall session={session} vote={vote} names={names} /> : null}
      <p className="vote-note">
        {t('sessions.votes.quorumAtOpen', { present: vote.presentCount, threshold: vote.quorumThreshold })}
        {'\u3000'}{t('sessions.votes.openedAt')} {formatDateTime(vote.openedAt)}
        {vote.closedAt ? <>{'\u3000'}{t('sessions.votes.closedAt')} {formatDateTime(vote.closedAt)}{'\u3000'}{t('sessions.votes.frozen')}</> : null}
      </p>
      {revoting ? <RevoteModal session={session} vote={vote} onClose={() => setRevoting(false)} /> : null}
    </Card>
  );
}

/**
 * Why a closed vote passed or failed, in words: the yes votes against more than half of ALL
 * seated deputies (地方组织法 第25条), and, when the yes votes were a majority of those present,
 * that this is not the measure.
 */
function VoteExplanation({ vote, yes }: { vote: Vote; yes: number }) {
  const { t } = useTranslation();
  const figures = { yes, seated: vote.seatedCount, present: vote.presentCount, threshold: vote.threshold, short: Math.max(0, vote.threshold - yes) };
  const failedOnCount = !vote.isPassed && yes < vote.threshold;
  if (!vote.isPassed && !failedOnCount) return null;
  return (
    <Typography.Paragraph className={`vote-explanation ${vote.isPassed ? 'passed' : 'failed'}`} data-testid="vote-explanation">
      {vote.isPassed ? t('sessions.votes.explainPassed', figures) : failedOnCount ? t('sessions.votes.explainFailed', figures) : null}
      {failedOnCount && 2 * yes > vote.presentCount
        ? <>{' '}{t('sessions.votes.explainMajorityOfPresent', figures)}</>
        : <>{' '}{t('sessions.votes.explainBasis')}</>}
    </Typography.Paragraph>
  );
}

function useConfirmClose(session: SessionDetail, vote: Vote) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const report = useErrorReporter();
  const close = useCloseVote(session.id);
  const confirm = (counts?: { yes: number; no: number; abstain: number }) => {
    void modal.confirm({
      title: t('sessions.votes.closeTitle'),
      content: t('sessions.votes.closeText'),
      okText: t('sessions.votes.close'),
      cancelText: t('common.cancel'),
      onOk: () => close.mutateAsync({ voteId: vote.id, counts }).then(
        () => void message.success(t('sessions.votes.closed')),
        (err: unknown) => report(err),
      ),
    });
  };
  return { confirm, isPending: close.isPending };
}

/** 赞成 / 反对 / 弃权 of a show of hands, checked against those present, then closed. */
function ShowOfHandsForm({ session, vote }: { session: SessionDetail; vote: Vote }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ yes: number; no: number; abstain: number }>();
  const { confirm, isPending } = useConfirmClose(session, vote);
  const sumRule = {
    validator: async () => {
      const v = form.getFieldsValue();
      const sum = (v.yes ?? 0) + (v.no ?? 0) + (v.abstain ?? 0);
      if (sum > vote.presentCount) throw new Error(t('sessions.votes.countsExceed', { sum, present: vote.presentCount }));
    },
  };
  const field = (name: 'yes' | 'no' | 'abstain') => (
    <Form.Item
      label={t(`sessions.votes.${name}`)}
      name={name}
      dependencies={['yes', 'no', 'abstain'].filter((n) => n !== name)}
      rules={[{ required: true, message: t('sessions.votes.countRequired') }, sumRule]}
    >
      <InputNumber min={0} max={vote.presentCount} precision={0} style={{ width: 110 }} />
    </Form.Item>
  );
  return (
    <Card size="small" type="inner" title={t('sessions.votes.enterCounts')} style={{ marginBottom: 8 }}>
      <Form form={form} layout="vertical" className="vote-count-form" onFinish={(v) => confirm({ yes: v.yes, no: v.no, abstain: v.abstain })}>
        {field('yes')}
        {field('no')}
        {field('abstain')}
        <Form.Item label=" " colon={false}>
          <Button type="primary" htmlType="submit" loading={isPending}>{t('sessions.votes.close')}</Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

/** 唱名表决: one choice per deputy present at opening; saved, then closed (counted by the server). */
function RollCall({ session, vote, names }: { session: SessionDetail; vote: Vote; names: Map<string, string> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const detail = useVote(session.id, vote.id, true);
  const record = useRecordBallots(session.id);
  const { confirm, isPending } = useConfirmClose(session, vote);
  const [draft, setDraft] = useState<Record<string, BallotChoice | null>>({});
  const isEditable = vote.state === 'open' && session.can.preside;
  const ballots = useMemo(() => detail.data?.ballots ?? [], [detail.data]);
  const dirty = Object.keys(draft).length > 0;
  const recorded = ballots.filter((b) => (draft[b.deputyId] !== undefined ? draft[b.deputyId] : b.choice) !== null).length;

  const save = (then?: () => void) => {
    const changes = Object.entries(draft).map(([deputyId, choice]) => ({ deputyId, choice }));
    if (changes.length === 0) { then?.(); return; }
    record.mutate({ voteId: vote.id, ballots: changes }, {
      onSuccess: () => { setDraft({}); void message.success(t('sessions.votes.ballotsSaved')); then?.(); },
      onError: (err) => report(err),
    });
  };

  return (
    <Card size="small" type="inner" title={`${t('sessions.votes.ballots')}\u3000${t('sessions.votes.ballotsRecorded', { recorded, total: ballots.length })}`} style={{ marginBottom: 8 }}>
      <Table
        rowKey="deputyId"
        size="small"
        loading={detail.isPending}
        dataSource={ballots}
        pagination={{ pageSize: 60, hideOnSinglePage: true }}
        columns={[
          { title: t('sessions.attendance.name'), key: 'name', width: 140, render: (_, b) => names.get(b.deputyId) ?? b.deputyId },
          {
            title: t('sessions.votes.kindLabel'), key: 'choice',
            render: (_, b) => {
              const value = draft[b.deputyId] !== undefined ? draft[b.deputyId] : b.choice;
              if (!isEditable) return value ? t(`sessions.votes.${value}`) : <Typography.Text type="secondary">{t('sessions.votes.unrecorded')}</Typography.Text>;
              return (
                <Radio.Group
                  aria-label={t('sessions.votes.ballotOf', { name: names.get(b.deputyId) ?? '' })}
                  value={value}
                  onChange={(e) => setDraft((d) => ({ ...d, [b.deputyId]: e.target.value as BallotChoice }))}
                  options={BALLOT_CHOICES.map((ch) => ({ value: ch, label: t(`sessions.votes.${ch}`) }))}
                />
              );
            },
          },
        ]}
      />
      {isEditable ? (
        <Space style={{ marginTop: 8 }}>
          <Button onClick={() => save()} disabled={!dirty} loading={record.isPending}>{t('sessions.votes.saveBallots')}</Button>
          <Button type="primary" loading={isPending || record.isPending} onClick={() => save(() => confirm())}>{t('sessions.votes.close')}</Button>
        </Space>
      ) : null}
    </Card>
  );
}

/** 重新表决: a new vote superseding a closed one, with the reason (required, audited). */
function RevoteModal({ session, vote, onClose }: { session: SessionDetail; vote: Vote; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const revote = useRevote(session.id);
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open
      title={`${t('sessions.votes.revoteTitle')}：${vote.title}`}
      okText={t('sessions.votes.revote')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={revote.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('sessions.votes.revoteText')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => revote.mutate({ voteId: vote.id, reason: v.reason.trim() }, {
          onSuccess: () => { void message.success(t('sessions.votes.revoteOpened')); onClose(); },
          onError: (err) => report(err, form),
        })}
      >
        <Form.Item label={t('sessions.votes.revoteReason')} name="reason" rules={[{ required: true, whitespace: true, max: 500, message: t('sessions.votes.revoteReasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
