import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Space, Tooltip } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAttendance, useResolutions, useVotes } from '../api';
import type { SessionDetail } from '../types';
import { OpenVoteModal } from './open-vote-modal';
import { VoteCard } from './vote-card';

/**
 * 表决: every vote of the session with its legal figures (threshold and margin, 地方组织法 第25条);
 * opening one needs the quorum (第14条); a closed vote is corrected only by a re-vote.
 */
export function VotesTab({ session }: { session: SessionDetail }) {
  const { t } = useTranslation();
  const isOpen = session.state === 'open';
  const votes = useVotes(session.id, isOpen);
  const resolutions = useResolutions(session.id);
  const attendance = useAttendance(session.id, false);
  const [opening, setOpening] = useState(false);
  const q = session.quorum;

  const list = useMemo(() => [...(votes.data ?? [])].sort((a, b) => b.openedAt.localeCompare(a.openedAt)), [votes.data]);
  const titles = useMemo(() => new Map(list.map((v) => [v.id, v.title])), [list]);
  const names = useMemo(() => new Map((attendance.data?.items ?? []).map((s) => [s.deputyId, s.name])), [attendance.data]);
  const hasOpenVote = list.some((v) => v.state === 'open');

  const blocker = !isOpen ? t('sessions.votes.notOpen')
    : !q.hasQuorum ? t('sessions.votes.noQuorum', { threshold: q.threshold, present: q.present, shortBy: q.shortBy })
      : hasOpenVote ? t('sessions.votes.oneOpen') : null;

  return (
    <div>
      <Alert type="info" showIcon title={t('sessions.votes.basis')} style={{ marginBottom: 16 }} />
      {session.can.preside ? (
        <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
          <Tooltip title={blocker ?? undefined}>
            <Button type="primary" icon={<PlusOutlined aria-hidden />} disabled={blocker !== null} onClick={() => setOpening(true)}>
              {t('sessions.votes.open')}
            </Button>
          </Tooltip>
          {blocker && isOpen ? <Alert type={q.hasQuorum ? 'info' : 'warning'} showIcon title={blocker} data-testid="vote-blocker" /> : null}
        </Space>
      ) : null}
      {list.length === 0 && !votes.isPending ? <Empty description={t('sessions.votes.empty')} /> : null}
      {list.map((v) => (
        <VoteCard key={v.id} session={session} vote={v} titles={titles} names={names} />
      ))}
      {opening ? <OpenVoteModal session={session} resolutions={resolutions.data ?? []} onClose={() => setOpening(false)} /> : null}
    </div>
  );
}
