import { QrcodeOutlined } from '@ant-design/icons';
import { Button, Card, Input, Modal, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTownship } from '../../../app/auth/auth-context';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useConstituencies, useDeputies, type Deputy } from '../../deputies/api';
import { DeputyCode } from '../components/deputy-code';
import '../duty.css';

/** /duty/codes: every serving deputy's 代表码, shown and printed one at a time. */
export default function CodesPage() {
  const { t } = useTranslation();
  const township = useTownship();
  const [search, setSearch] = useState('');
  const deputies = useDeputies(township.id, { current: true, ...(search ? { search } : {}) });
  const constituencies = useConstituencies(township.id);
  const [shown, setShown] = useState<Deputy | null>(null);
  const constituencyName = (id: string | null) => constituencies.data?.find((c) => c.id === id)?.name ?? '—';
  return (
    <div className="duty-page">
      <PageHeader title={t('duty.codes.title')}>
        <p className="page-intro">{t('duty.codes.intro')}</p>
      </PageHeader>
      <Card>
        <div role="search" className="duty-filters" aria-label={t('duty.common.filters')}>
          <Input.Search allowClear aria-label={t('duty.common.search')} placeholder={t('duty.codes.searchPlaceholder')} onSearch={(v) => setSearch(v.trim())} className="duty-filter-search" />
        </div>
        {deputies.isError ? <QueryError error={deputies.error} onRetry={() => void deputies.refetch()} /> : (
          <Table<Deputy>
            rowKey="id"
            size="middle"
            loading={deputies.isFetching}
            dataSource={(deputies.data ?? []).filter((d) => d.isServing)}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            columns={[
              { title: t('duty.fields.deputy'), dataIndex: 'name' },
              { title: t('duty.codes.level'), dataIndex: 'level', width: 120, render: (l: string) => t(`deputies.levels.${l}`) },
              { title: t('duty.fields.constituency'), dataIndex: 'constituencyId', render: (id: string | null) => constituencyName(id) },
              {
                title: t('duty.codes.code'), key: 'code', width: 140,
                render: (_, d) => <Button icon={<QrcodeOutlined aria-hidden />} onClick={() => setShown(d)} aria-label={t('duty.codes.showFor', { name: d.name })}>{t('duty.codes.show')}</Button>,
              },
            ]}
          />
        )}
      </Card>
      {shown ? (
        <Modal open title={t('duty.codes.codeOf', { name: shown.name })} footer={null} onCancel={() => setShown(null)} destroyOnHidden className="duty-code-modal">
          <DeputyCode deputyId={shown.id} name={shown.name} />
        </Modal>
      ) : null}
    </div>
  );
}
