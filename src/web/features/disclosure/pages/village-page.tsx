import { App, Button, Card, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { currentLanguage } from '../../../app/i18n';
import { thisYear } from '../../../app/format';
import { useUrlFilters } from '../../../app/url-filters';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { YearSelect } from '../../../components/year-select';
import { useCreateVillageDisclosure, useVillagePeriods } from '../api';
import { CarryOverTag, PeriodTag } from '../components/parts';

/** A village's periods of the year: published, being prepared, missing or overdue; a period is opened here. */
export default function DisclosureVillagePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const { year: yearOf, setYear } = useUrlFilters();
  const year = yearOf(thisYear());
  const q = useVillagePeriods(id, year);
  const create = useCreateVillageDisclosure(id);
  const en = currentLanguage() === 'en-US';
  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const v = q.data;
  return (
    <>
      <PageHeader title={v?.village.name ?? ''} extra={<YearSelect value={year} onChange={setYear} />}>
        {v ? <p className="page-intro">{t('disclosure.village.intro', { days: v.graceDays })}</p> : null}
      </PageHeader>
      <Card loading={q.isPending}>
        <Table rowKey="start" pagination={false} dataSource={v?.periods ?? []} columns={[
          { title: t('disclosure.village.period'), key: 'p', render: (_, p) => (en ? p.labelEn : p.label) },
          { title: t('disclosure.village.dueOn'), dataIndex: 'dueOn', width: 130 },
          { title: t('disclosure.overview.published'), key: 's', render: (_, p) => <><PeriodTag period={p} />{p.publishedOn ? ` ${p.publishedOn}` : ''}{p.versions > 1 ? ` · ${t('disclosure.village.versions', { count: p.versions })}` : ''}{p.carryOver ? <> <CarryOverTag period={p} /></> : null}</> },
          {
            title: t('disclosure.common.actions'), key: 'a', width: 180, render: (_, p) => p.disclosureId
              ? <Link to={`/disclosure/village-disclosures/${p.disclosureId}`}>{p.status === 'draft' && v?.canMaintain ? t('disclosure.village.edit') : t('disclosure.village.view')}</Link>
              : v?.canMaintain ? (
                <Button size="small" type="primary" loading={create.isPending} onClick={() => create.mutate(p.start, {
                  onSuccess: (d) => { void message.success(t('disclosure.unit.saved')); void navigate(`/disclosure/village-disclosures/${d.id}`); },
                  onError: (e) => report(e),
                })}>{t('disclosure.village.create')}</Button>
              ) : null,
          },
        ]} />
      </Card>
    </>
  );
}
