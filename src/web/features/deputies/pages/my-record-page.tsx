import { EditOutlined } from '@ant-design/icons';
import { App, Button, Result, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api/client';
import { QueryError } from '../../../components/query-error';
import { useOwnDeputy } from '../api';
import { DutyRecordView } from '../components/duty-record-view';
import { OwnDetailsModal } from '../components/own-details-modal';
import { useRecordYear } from './duty-record-page';

/** 我的履职档案: the signed-in deputy's own record, with the fields they may edit themselves. */
export default function MyRecordPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const own = useOwnDeputy();
  const [year, setYear] = useRecordYear();
  const [editing, setEditing] = useState(false);

  if (own.isPending) return <div className="page-loading"><Spin /></div>;
  if (own.isError) {
    if (own.error instanceof ApiError && own.error.status === 404) return <Result status="info" title={t('deputies.record.notLinked')} />;
    return <QueryError error={own.error} onRetry={() => void own.refetch()} />;
  }
  const deputy = own.data;

  return (
    <>
      <DutyRecordView
        deputyId={deputy.id}
        year={year}
        onYearChange={setYear}
        actions={deputy.can.updateOwn ? <Button icon={<EditOutlined aria-hidden />} onClick={() => setEditing(true)}>{t('deputies.record.editOwn')}</Button> : null}
      />
      {editing ? (
        <OwnDetailsModal
          deputy={deputy}
          onClose={(saved) => {
            if (saved) void message.success(t('common.saved'));
            setEditing(false);
          }}
        />
      ) : null}
    </>
  );
}
