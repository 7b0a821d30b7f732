import { EditOutlined, PlayCircleOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Space, Steps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../app/format';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useSessionTransition } from '../api';
import type { SessionDetail } from '../types';
import { QuorumPanel } from './quorum-panel';
import { formatDateRange, SessionStateTag } from './session-bits';
import { SessionFormModal } from './session-form-modal';

const STEP: Record<SessionDetail['state'], number> = { planned: 0, open: 1, closed: 2 };

/** 概况: the session's facts, its course, and opening or closing it with what each freezes. */
export function OverviewTab({ session }: { session: SessionDetail }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const report = useErrorReporter();
  const transition = useSessionTransition(session.id);
  const [editing, setEditing] = useState(false);
  const { can, quorum } = session;

  const confirmOpen = () => {
    void modal.confirm({
      title: t('sessions.overview.openTitle'),
      content: t('sessions.overview.openText', { count: quorum.seated }),
      okText: t('sessions.overview.open'),
      cancelText: t('common.cancel'),
      width: 520,
      onOk: () => transition.mutateAsync('open').then(
        () => void message.success(t('sessions.overview.opened')),
        (err: unknown) => report(err),
      ),
    });
  };
  const confirmClose = () => {
    void modal.confirm({
      title: t('sessions.overview.closeTitle'),
      content: t('sessions.overview.closeText', { unmarked: quorum.unmarked }),
      okText: t('sessions.overview.close'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      width: 520,
      onOk: () => transition.mutateAsync('close').then(
        () => void message.success(t('sessions.overview.closed')),
        (err: unknown) => report(err),
      ),
    });
  };

  return (
    <div>
      {can.manage ? (
        <Space wrap style={{ marginBottom: 16 }}>
          {session.state === 'planned' ? (
            <>
              <Button type="primary" icon={<PlayCircleOutlined aria-hidden />} onClick={confirmOpen} loading={transition.isPending}>{t('sessions.overview.open')}</Button>
              <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>{t('sessions.overview.edit')}</Button>
            </>
          ) : null}
          {session.state === 'open' ? (
            <Button danger icon={<StopOutlined aria-hidden />} onClick={confirmClose} loading={transition.isPending}>{t('sessions.overview.close')}</Button>
          ) : null}
        </Space>
      ) : null}
      {can.manage && session.state !== 'planned' ? <Alert type="info" showIcon title={t('sessions.overview.editLocked')} style={{ marginBottom: 16 }} /> : null}
      <Steps
        size="small"
        current={STEP[session.state]}
        status={session.state === 'closed' ? 'finish' : 'process'}
        style={{ marginBottom: 20 }}
        items={[
          { title: t('sessions.states.planned'), content: t('sessions.overview.stepPlanned') },
          { title: t('sessions.states.open'), content: t('sessions.overview.stepOpen') },
          { title: t('sessions.states.closed'), content: t('sessions.overview.stepClosed') },
        ]}
      />
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        title={t('sessions.overview.info')}
        items={[
          { key: 'name', label: t('sessions.overview.name'), children: session.fullName, span: 2 },
          { key: 'term', label: t('sessions.overview.term'), children: t('sessions.overview.termValue', { term: session.termNumber, sitting: session.sittingNumber }) },
          { key: 'state', label: t('sessions.overview.state'), children: <SessionStateTag state={session.state} /> },
          { key: 'dates', label: t('sessions.overview.dates'), children: formatDateRange(t, session.startDate, session.endDate) },
          { key: 'place', label: t('sessions.overview.place'), children: session.place },
          {
            key: 'seated', label: t('sessions.overview.seated'),
            children: session.seatedCount !== null ? t('sessions.overview.seatedFrozen', { count: session.seatedCount }) : t('sessions.overview.seatedPreview', { count: quorum.seated }),
          },
          { key: 'opened', label: t('sessions.overview.openedAt'), children: formatDateTime(session.openedAt) || '—' },
          { key: 'closed', label: t('sessions.overview.closedAt'), children: formatDateTime(session.closedAt) || '—' },
          { key: 'notes', label: t('sessions.overview.notes'), children: session.notes || '—', span: 2 },
        ]}
      />
      <div style={{ marginTop: 20 }}>
        <QuorumPanel quorum={quorum} live={session.state === 'open'} />
      </div>
      {editing ? (
        <SessionFormModal
          session={session}
          onClose={(saved) => {
            setEditing(false);
            if (saved) void message.success(t('common.saved'));
          }}
        />
      ) : null}
    </div>
  );
}
