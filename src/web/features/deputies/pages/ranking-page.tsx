import { Card, DatePicker, Table, Tag, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTownship } from '../../../app/auth/auth-context';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useDutyRanking, type RankingEntry } from '../api';
import { useRecordYear } from './duty-record-page';
import '../deputies.css';

/** 履职排名: the township's deputies by duty points for a year. */
export default function RankingPage() {
  const { t, i18n } = useTranslation();
  const township = useTownship();
  const [year, setYear] = useRecordYear();
  const ranking = useDutyRanking(township.id, year);

  const columns: TableColumnsType<RankingEntry> = [
    { title: t('deputies.ranking.rank'), dataIndex: 'rank', width: 80, align: 'center' },
    {
      title: t('deputies.ranking.name'), dataIndex: 'name',
      render: (name: string, e) => <Link to={`/deputies/${e.deputyId}/record?year=${year}`}>{name}</Link>,
    },
    {
      title: t('deputies.ranking.level'), dataIndex: 'level', width: 140,
      render: (level: string) => <Tag>{i18n.exists(`deputies.levels.${level}`) ? t(`deputies.levels.${level}`) : level}</Tag>,
    },
    { title: t('deputies.ranking.total'), dataIndex: 'total', width: 100, align: 'end' },
  ];

  return (
    <>
      <PageHeader
        title={t('deputies.ranking.title')}
        extra={(
          <DatePicker
            picker="year"
            allowClear={false}
            aria-label={t('deputies.record.year')}
            value={dayjs(`${year}-01-01`)}
            onChange={(v) => v && setYear(v.year())}
            disabledDate={(d) => d.year() > dayjs().year() || d.year() < 2000}
          />
        )}
      >
        <p className="page-intro">{t('deputies.ranking.intro')}</p>
      </PageHeader>
      <Card>
        {ranking.isError ? (
          <QueryError error={ranking.error} onRetry={() => void ranking.refetch()} />
        ) : (
          <Table<RankingEntry>
            rowKey="deputyId"
            size="middle"
            loading={ranking.isPending}
            columns={columns}
            dataSource={ranking.data ?? []}
            pagination={{ pageSize: 20, showTotal: (count) => t('deputies.roster.count', { count }), showSizeChanger: false }}
          />
        )}
      </Card>
    </>
  );
}
