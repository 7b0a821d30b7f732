import { Button, Empty, Grid, List, Table, type TableColumnsType, type TablePaginationConfig } from 'antd';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../app/auth/auth-context';
import { useOwnDeputy } from '../../deputies/api';
import type { Opinion } from '../types';
import { OpinionDrawer, OutcomeCell, ResidentCell } from './opinion-parts';
import { OpinionStatusTag } from './tags';

/**
 * Who may see a resident's contact (个人信息保护法): the office, and the deputy the opinion was
 * addressed to. The server decides again on each look.
 */
export function useCanRevealContact(): (o: Opinion) => boolean {
  const { can, me } = useAuth();
  const isDeputy = me?.user.role === 'deputy';
  const own = useOwnDeputy(isDeputy);
  const isOffice = can('duty.manage') && can('personal.reveal');
  return (o) => isOffice || (isDeputy && o.deputyId !== null && o.deputyId === own.data?.id);
}

/** Residents' opinions: a table on a wide screen, cards on a phone; a click opens the opinion. */
export function OpinionList({ opinions, loading, pagination, showSource = true }: {
  opinions: Opinion[];
  loading: boolean;
  pagination?: TablePaginationConfig | false;
  showSource?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const screens = Grid.useBreakpoint();
  const isPhone = screens.md === false;
  const canReveal = useCanRevealContact();
  const [openId, setOpenId] = useState<string | null>(null);
  const w = (zh: number, en: number) => (i18n.language === 'en-US' ? en : zh);

  const columns = useMemo<TableColumnsType<Opinion>>(() => [
    { title: t('duty.fields.receivedOn'), dataIndex: 'receivedOn', width: 104 },
    {
      title: t('duty.fields.content'), dataIndex: 'content',
      render: (_, o) => (
        <Button type="link" className="duty-content-button" onClick={() => setOpenId(o.id)}>{o.content}</Button>
      ),
    },
    { title: t('duty.fields.village'), dataIndex: 'villageName', width: 120, render: (v: string | null) => v ?? '—' },
    ...(showSource ? [{ title: t('duty.fields.deputy'), dataIndex: 'deputyName', width: w(84, 110), render: (v: string | null, o: Opinion) => v ?? (o.activityTitle ? <span className="duty-muted duty-small">{o.activityTitle}</span> : '—') }] : []),
    { title: t('duty.fields.resident'), key: 'resident', width: w(150, 170), render: (_, o) => <ResidentCell opinion={o} canReveal={canReveal(o)} /> },
    { title: t('duty.fields.status'), dataIndex: 'status', width: w(90, 120), render: (_, o) => <OpinionStatusTag status={o.status} /> },
    { title: t('duty.fields.outcome'), key: 'outcome', width: 200, render: (_, o) => <OutcomeCell opinion={o} /> },
  ], [t, i18n.language, showSource, canReveal]);

  const empty = <Empty description={t('duty.opinions.empty')} />;
  return (
    <>
      {isPhone ? (
        <List<Opinion>
          loading={loading}
          dataSource={opinions}
          locale={{ emptyText: empty }}
          pagination={pagination ? { current: pagination.current, pageSize: pagination.pageSize, total: pagination.total, onChange: pagination.onChange, hideOnSinglePage: true, simple: true, align: 'center' } : false}
          renderItem={(o) => (
            <List.Item key={o.id} className="duty-card-item" data-testid="opinion-card">
              <div className="duty-card">
                <div className="duty-card-top">
                  <span className="duty-muted duty-small">{o.receivedOn}{o.villageName ? ` · ${o.villageName}` : ''}</span>
                  <OpinionStatusTag status={o.status} />
                </div>
                <Button type="link" className="duty-content-button duty-card-title" onClick={() => setOpenId(o.id)}>{o.content}</Button>
                <div className="duty-card-meta">
                  <ResidentCell opinion={o} canReveal={canReveal(o)} />
                </div>
                <div className="duty-card-meta"><OutcomeCell opinion={o} /></div>
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Table<Opinion>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={opinions}
          scroll={{ x: 960 }}
          locale={{ emptyText: empty }}
          pagination={pagination ?? false}
          onRow={(o) => ({ 'data-testid': 'opinion-row', 'data-ref': o.refNo } as HTMLAttributes<HTMLElement>)}
        />
      )}
      {openId ? <OpinionDrawer id={openId} canReveal onClose={() => setOpenId(null)} /> : null}
    </>
  );
}
