import { BranchesOutlined, DeleteOutlined, EditOutlined, MergeCellsOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Empty, Popconfirm, Space, Spin, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useTownship } from '../../../app/auth/auth-context';
import { thisYear } from '../../../app/format';
import { useUrlFilters } from '../../../app/url-filters';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { YearSelect } from '../../../components/year-select';
import { useConsolidations, useDissolveConsolidation, useOpinions, useProposals, useRemoveFromConsolidation } from '../api';
import { AddOpinionsModal, ConsolidateModal, MergeModal, ToSuggestionModal } from '../components/consolidation-modals';
import { SuggestionRef } from '../components/opinion-parts';
import type { Consolidation, Opinion, Proposal } from '../types';
import '../duty.css';

type Dialog =
  | { kind: 'create'; opinions: Opinion[]; suggestedTitle?: string }
  | { kind: 'edit' | 'add' | 'merge' | 'suggest'; consolidation: Consolidation };

/** One proposed group: its opinions with checkboxes (all ticked), and 归纳所选. */
function ProposalCard({ proposal, index, onConsolidate }: { proposal: Proposal; index: number; onConsolidate: (opinions: Opinion[]) => void }) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<string[]>(proposal.opinionIds);
  const chosen = proposal.opinions.filter((o) => picked.includes(o.id));
  const headingId = `proposal-${index}`;
  return (
    <section className="duty-proposal" aria-labelledby={headingId} data-testid="proposal">
      <div className="duty-proposal-head">
        <h3 id={headingId}>{proposal.suggestedTitle}</h3>
        <Tag>{t('duty.consolidation.similarCount', { count: proposal.opinions.length })}</Tag>
      </div>
      <Checkbox.Group value={picked} onChange={(v) => setPicked(v as string[])} className="duty-proposal-list">
        {proposal.opinions.map((o) => (
          <Checkbox key={o.id} value={o.id} className="duty-proposal-item">
            <span>{o.content}</span>
            <span className="duty-muted duty-small"> {[o.villageName, o.receivedOn, o.deputyName ?? o.activityTitle].filter(Boolean).join(' · ')}</span>
          </Checkbox>
        ))}
      </Checkbox.Group>
      <Button type="primary" icon={<MergeCellsOutlined aria-hidden />} disabled={chosen.length === 0} onClick={() => onConsolidate(chosen)}>
        {t('duty.consolidation.consolidatePicked', { count: chosen.length })}
      </Button>
    </section>
  );
}

/** One consolidated item with its opinions, and what may still be done with it. */
function ConsolidationCard({ c, onDialog }: { c: Consolidation; onDialog: (d: Dialog) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const dissolve = useDissolveConsolidation();
  const split = useRemoveFromConsolidation();
  return (
    <Card
      id={`c-${c.id}`}
      className="duty-consolidation"
      data-testid="consolidation"
      title={<span className="duty-consolidation-title">{c.title}</span>}
      extra={c.category ? <Tag>{c.category}</Tag> : null}
    >
      <p className="duty-pre">{c.summary}</p>
      {c.suggestion ? (
        <div className="duty-suggested" data-testid="consolidation-suggestion">
          <Tag color="purple">{t('duty.statuses.suggested')}</Tag>
          <SuggestionRef suggestion={c.suggestion} />
        </div>
      ) : (
        <Space wrap className="duty-actions-row">
          <Button type="primary" icon={<SendOutlined aria-hidden />} onClick={() => onDialog({ kind: 'suggest', consolidation: c })}>{t('duty.consolidation.toSuggestion')}</Button>
          <Button icon={<EditOutlined aria-hidden />} onClick={() => onDialog({ kind: 'edit', consolidation: c })}>{t('common.edit')}</Button>
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => onDialog({ kind: 'add', consolidation: c })}>{t('duty.consolidation.addOpinions')}</Button>
          <Button icon={<MergeCellsOutlined aria-hidden />} onClick={() => onDialog({ kind: 'merge', consolidation: c })}>{t('duty.consolidation.merge')}</Button>
          <Popconfirm
            title={t('duty.consolidation.dissolveConfirm')}
            okText={t('duty.consolidation.dissolve')}
            okButtonProps={{ danger: true }}
            onConfirm={() => dissolve.mutate(c.id, { onSuccess: () => void message.success(t('duty.consolidation.dissolved')), onError: (err) => report(err) })}
          >
            <Button danger icon={<DeleteOutlined aria-hidden />}>{t('duty.consolidation.dissolve')}</Button>
          </Popconfirm>
        </Space>
      )}
      <h4 className="duty-h3">{t('duty.consolidation.members', { count: c.opinionCount })}</h4>
      <ul className="duty-member-list">
        {c.opinions.map((o) => (
          <li key={o.id}>
            <span className="duty-member-text">
              {o.content}
              <span className="duty-muted duty-small"> {[o.villageName, o.receivedOn].filter(Boolean).join(' · ')}</span>
            </span>
            {!c.isLocked ? (
              <Button
                size="small"
                icon={<BranchesOutlined aria-hidden />}
                loading={split.isPending && split.variables?.opinionId === o.id}
                onClick={() => split.mutate({ id: c.id, opinionId: o.id }, {
                  onSuccess: (r) => void message.success(t(r.isDissolved ? 'duty.consolidation.splitDissolved' : 'duty.consolidation.splitDone')),
                  onError: (err) => report(err),
                })}
              >
                {t('duty.consolidation.split')}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}

/**
 * /duty/consolidation (梳理归纳, office): Renda proposes groups of similar open opinions; staff
 * tick what belongs together and consolidate it, merge or split items, and raise an item as a
 * suggestion by a deputy. The opinions then show the suggestion as their outcome.
 */
export default function ConsolidationPage() {
  const { t } = useTranslation();
  const township = useTownship();
  const location = useLocation();
  const { year: yearOf, setYear } = useUrlFilters();
  const year = yearOf(thisYear());
  const proposals = useProposals(township.id, year);
  const consolidations = useConsolidations(township.id, year);
  const open = useOpinions(township.id, { year, status: 'open' }, 1, 500);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [picked, setPicked] = useState<string[]>([]);

  // Arriving from an opinion's outcome link: scroll to its item.
  useEffect(() => {
    if (!location.hash || !consolidations.data) return;
    document.getElementById(location.hash.slice(1))?.scrollIntoView({ block: 'start' });
  }, [location.hash, consolidations.data]);

  const openOpinions = open.data?.items ?? [];
  const items = consolidations.data ?? [];
  return (
    <div className="duty-page">
      <PageHeader
        title={t('duty.consolidation.title')}
        extra={(
          <YearSelect value={year} onChange={setYear} className="duty-filter-year" />
        )}
      >
        <p className="page-intro">{t('duty.consolidation.intro')}</p>
      </PageHeader>
      <Card title={t('duty.consolidation.proposals')} className="duty-section">
        <p className="duty-muted">{t('duty.consolidation.proposalsIntro')}</p>
        {proposals.isError ? <QueryError error={proposals.error} onRetry={() => void proposals.refetch()} /> : proposals.isPending ? <Spin /> : proposals.data.groups.length === 0 ? (
          <Empty description={t('duty.consolidation.noProposals')} />
        ) : (
          <div className="duty-proposals">
            {proposals.data.groups.map((g, i) => (
              <ProposalCard key={g.opinionIds.join()} proposal={g} index={i} onConsolidate={(ops) => setDialog({ kind: 'create', opinions: ops, suggestedTitle: g.suggestedTitle })} />
            ))}
          </div>
        )}
      </Card>
      <Card
        title={t('duty.consolidation.openTitle', { count: openOpinions.length })}
        className="duty-section"
        extra={(
          <Button
            icon={<MergeCellsOutlined aria-hidden />}
            disabled={picked.length === 0}
            onClick={() => setDialog({ kind: 'create', opinions: openOpinions.filter((o) => picked.includes(o.id)) })}
          >
            {t('duty.consolidation.consolidatePicked', { count: picked.length })}
          </Button>
        )}
      >
        <Table<Opinion>
          rowKey="id"
          size="small"
          loading={open.isFetching}
          dataSource={openOpinions}
          rowSelection={{ selectedRowKeys: picked, onChange: (keys) => setPicked(keys as string[]) }}
          pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 720 }}
          locale={{ emptyText: <Empty description={t('duty.consolidation.noOpen')} /> }}
          columns={[
            { title: t('duty.fields.content'), dataIndex: 'content' },
            { title: t('duty.fields.village'), dataIndex: 'villageName', width: 130, render: (v: string | null) => v ?? '—' },
            { title: t('duty.fields.category'), dataIndex: 'category', width: 100, render: (v: string | null) => v ?? '—' },
            { title: t('duty.fields.receivedOn'), dataIndex: 'receivedOn', width: 104 },
          ]}
        />
      </Card>
      <section className="duty-section" aria-labelledby="consolidations-heading">
        <h2 id="consolidations-heading" className="duty-h2">{t('duty.consolidation.existing', { count: items.length })}</h2>
        {consolidations.isError ? <QueryError error={consolidations.error} onRetry={() => void consolidations.refetch()} /> : consolidations.isPending ? <Spin /> : items.length === 0 ? (
          <Card><Empty description={t('duty.consolidation.noneYet')} /></Card>
        ) : (
          <div className="duty-consolidations">
            {items.map((c) => <ConsolidationCard key={c.id} c={c} onDialog={setDialog} />)}
          </div>
        )}
      </section>
      {dialog?.kind === 'create' ? <ConsolidateModal opinions={dialog.opinions} suggestedTitle={dialog.suggestedTitle} onClose={() => setDialog(null)} onDone={() => setPicked([])} /> : null}
      {dialog?.kind === 'edit' ? <ConsolidateModal opinions={[]} consolidation={dialog.consolidation} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'add' ? <AddOpinionsModal consolidation={dialog.consolidation} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'merge' ? <MergeModal consolidation={dialog.consolidation} others={items.filter((c) => c.id !== dialog.consolidation.id && !c.isLocked)} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'suggest' ? <ToSuggestionModal consolidation={dialog.consolidation} onClose={() => setDialog(null)} /> : null}
    </div>
  );
}
