import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useAuth } from '../../../app/auth/auth-context';
import { DutyRecordView } from '../components/duty-record-view';

/** The year in the address (?year=2026), else this year. */
export function useRecordYear(): [number, (year: number) => void] {
  const [params, setParams] = useSearchParams();
  const parsed = Number(params.get('year'));
  const year = Number.isInteger(parsed) && parsed >= 2000 && parsed <= 2100 ? parsed : dayjs().year();
  return [year, (y) => setParams({ year: String(y) }, { replace: true })];
}

/** /deputies/:id/record?year=: one deputy's duty record. */
export default function DutyRecordPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const { can } = useAuth();
  const [year, setYear] = useRecordYear();

  return (
    <DutyRecordView
      deputyId={id}
      year={year}
      onYearChange={setYear}
      back={can('duty.read') ? <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => void navigate('/deputies')}>{t('deputies.record.back')}</Button> : null}
    />
  );
}
