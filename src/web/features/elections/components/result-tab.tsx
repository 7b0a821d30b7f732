import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { downloadElectionFile } from '../api';
import type { Candidate, ElectionDetail } from '../types';

/** The result under 第15条: validity, thresholds, the elected per office, 另行选举, the 第6条 composition check. */
export function ResultTab({ election }: { election: ElectionDetail }) {
  const { t } = useTranslation();
  const report = useErrorReporter();
  const r = election.result;
  if (r.firstCast === null) return <Empty description={t('elections.result.notCounted')} />;
  const byId = new Map(election.candidates.map((c) => [c.id, c]));
  const outcome = (c: Candidate) => {
    if (c.electedIn) return <Tag color="green">{c.electedIn === 'runoff' ? t('elections.result.electedRunoff') : t('elections.result.elected')}</Tag>;
    if (c.isTied) return <Tag color="orange">{t('elections.result.tied')}</Tag>;
    if (c.isRunoffCandidate) return <Tag color="blue">{t('elections.result.runoffCandidates')}</Tag>;
    return null;
  };
  return (
    <>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} className="elections-box" items={[
        { key: 'reg', label: t('elections.result.registered'), children: r.registered },
        { key: 'cast', label: t('elections.result.cast'), children: t('elections.result.withNote', { value: r.firstCast, note: t('elections.result.turnout', { threshold: r.turnoutThreshold }) }) },
        { key: 'validity', label: t('elections.result.validity'), children: r.isValid ? <Tag color="green">{t('elections.result.valid')}</Tag> : <Tag color="red">{t('elections.result.invalid')}</Tag> },
        ...(r.winThreshold !== null ? [{ key: 'win', label: t('elections.result.winLabel'), children: t('elections.result.win', { threshold: r.winThreshold }) }] : []),
        ...(r.runoffCast !== null ? [{ key: 'rc', label: t('elections.result.runoffCast'), children: t('elections.result.withNote', { value: r.runoffCast, note: t('elections.result.runoffRule', { min: r.runoffMinimum }) }) }] : []),
      ]} />
      {r.isValid === false ? <Alert type="error" showIcon className="elections-box" message={t('elections.result.invalid')} /> : null}
      {r.offices.map((o) => {
        const own = election.candidates.filter((c) => c.office === o.office).sort((a, b) => (b.firstVotes ?? 0) - (a.firstVotes ?? 0));
        const unfilled = o.first.unfilled;
        return (
          <Card key={o.office} size="small" className="elections-box" title={t('elections.result.officeSeats', { office: t(`elections.offices.${o.office}`), seats: o.seats })}>
            {unfilled > 0 && !o.runoff ? <Alert type="warning" showIcon className="elections-box" message={t('elections.result.runoffNeeded', { count: unfilled })}
              description={t('elections.result.runoffCandidatesList', { names: o.runoffCandidates.map((id) => byId.get(id)?.name ?? '').join(t('elections.listSeparator')) })} /> : null}
            {o.vacancies > 0 && o.runoff ? <Alert type="warning" showIcon className="elections-box" message={t('elections.result.vacancies', { count: o.vacancies })} /> : null}
            <Table<Candidate> rowKey="id" size="small" pagination={false} dataSource={own} columns={[
              { title: t('elections.candidates.name'), dataIndex: 'name' },
              { title: t('elections.candidates.gender'), key: 'g', width: 70, render: (_, c) => t(`elections.genders.${c.gender}`) },
              { title: t('elections.result.firstVotes'), dataIndex: 'firstVotes', width: 120 },
              { title: t('elections.result.runoffVotes'), key: 'rv', width: 140, render: (_, c) => c.runoffVotes ?? '—' },
              { title: t('elections.round.state'), key: 'o', render: (_, c) => outcome(c) },
            ]} />
          </Card>
        );
      })}
      {election.state === 'done' ? (
        r.composition.length
          ? <Alert type="warning" showIcon className="elections-box" message={r.composition.map((p) => t(`elections.result.composition.${p}`)).join('；')} />
          : <Alert type="success" showIcon className="elections-box" message={t('elections.result.compositionOk')} />
      ) : null}
      {election.state === 'done' || election.state === 'invalid' ? (
        <Button icon={<DownloadOutlined aria-hidden />} onClick={() => void downloadElectionFile(election.id, 'announcement.docx', 'announcement.docx').catch(report)}>{t('elections.result.announcement')}</Button>
      ) : null}
    </>
  );
}
