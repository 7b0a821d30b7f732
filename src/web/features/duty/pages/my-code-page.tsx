import { Card, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useOwnDeputy } from '../../deputies/api';
import { DeputyCode } from '../components/deputy-code';
import '../duty.css';

/** /duty/my-code: the signed-in deputy's own 代表码, to show residents or print. */
export default function MyCodePage() {
  const { t } = useTranslation();
  const own = useOwnDeputy(true);
  return (
    <div className="duty-page">
      <PageHeader title={t('duty.codes.myTitle')}>
        <p className="page-intro">{t('duty.codes.myIntro')}</p>
      </PageHeader>
      <Card className="duty-my-code">
        {own.isError ? <QueryError error={own.error} onRetry={() => void own.refetch()} /> : own.data ? <DeputyCode deputyId={own.data.id} name={own.data.name} /> : <Spin />}
      </Card>
    </div>
  );
}
