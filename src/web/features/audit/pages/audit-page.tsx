import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useTownship } from '../../../app/auth/auth-context';
import { formatDateTime } from '../../../app/format';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useAuditLog, type AuditRow } from '../api';

/** Who did what and when, read-only (audit.read). */
export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const township = useTownship();
  const log = useAuditLog(township.id);
  const rows = useMemo(() => log.data?.pages.flatMap((p) => p.items) ?? [], [log.data]);

  const columns: TableColumnsType<AuditRow> = [
    { title: t('audit.at'), dataIndex: 'at', width: 160, render: (at: string) => formatDateTime(at) },
    { title: t('audit.actor'), dataIndex: 'actorName', width: 160, render: (name: string | null) => name ?? t('audit.system') },
    { title: t('audit.ip'), dataIndex: 'ip', width: 150, render: (ip: string | null) => ip ?? '—' },
    {
      title: t('audit.action'), dataIndex: 'action',
      render: (action: string) => {
        const key = `audit.actions.${action}`;
        // A suggestion's steps are named once, in the suggestions feature's event labels.
        const suggestionStep = action.startsWith('suggestion.') ? `suggestions.events.${action.slice('suggestion.'.length)}` : null;
        if (i18n.exists(key)) return <span title={action}>{t(key)}</span>;
        if (suggestionStep && i18n.exists(suggestionStep)) return <span title={action}>{t('audit.suggestionStep', { step: t(suggestionStep) })}</span>;
        return <Typography.Text code>{action}</Typography.Text>;
      },
    },
    {
      title: t('audit.entity'), key: 'entity',
      render: (_, row) => {
        const key = `audit.entities.${row.entityType}`;
        const type = i18n.exists(key) ? t(key) : row.entityType;
        return <>{type}{row.entityId ? <Typography.Text type="secondary" className="audit-entity-id"> #{row.entityId.slice(-8)}</Typography.Text> : null}</>;
      },
    },
  ];

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        extra={<Button icon={<ReloadOutlined aria-hidden />} onClick={() => void log.refetch()} loading={log.isRefetching && !log.isFetchingNextPage}>{t('common.refresh')}</Button>}
      >
        <p className="page-intro">{t('audit.intro')}</p>
      </PageHeader>
      <Card>
        {log.isError && rows.length === 0 ? (
          <QueryError error={log.error} onRetry={() => void log.refetch()} />
        ) : (
          <>
            <Table<AuditRow>
              rowKey="id"
              size="middle"
              loading={log.isPending}
              columns={columns}
              dataSource={rows}
              pagination={false}
              scroll={{ x: 800 }}
            />
            <div style={{ textAlign: 'center', marginTop: 16 }}>
              {log.hasNextPage ? (
                <Button onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>{t('audit.loadMore')}</Button>
              ) : rows.length > 0 ? (
                <Typography.Text type="secondary">{t('audit.noMore')}</Typography.Text>
              ) : null}
            </div>
          </>
        )}
      </Card>
    </>
  );
}
