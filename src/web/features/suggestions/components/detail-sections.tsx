import { CheckCircleFilled, ClockCircleOutlined, ExclamationCircleFilled } from '@ant-design/icons';
import { App, Button, Card, Empty, Tag, Timeline } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { formatDateTime } from '../../../app/format';
import { useSuggestionAction } from '../api';
import { MOTION_MIN_SIGNERS, type SuggestionDetail, type SuggestionEvent } from '../types';
import { AttachmentList } from './attachments';
import { FeedbackTag, GradeTag, ImplementationTag } from './tags';

/** 交办日期, 答复期限, days left or overdue in red, the period (3 or 6 months, 代表法 第51条). */
export function DeadlineBlock({ s }: { s: SuggestionDetail }) {
  const { t } = useTranslation();
  const d = s.deadline;
  if (!s.assignedOn) return null;
  const handling = s.state === 'assigned' || s.state === 're_handling';
  return (
    <Card size="small" title={t('suggestions.deadline.title')} className={`sg-deadline ${d.isOverdue ? 'is-overdue' : ''}`} data-testid="deadline-block">
      <dl className="sg-facts">
        <div><dt>{t('suggestions.deadline.assignedOn')}</dt><dd>{s.assignedOn}</dd></div>
        <div><dt>{t('suggestions.deadline.dueOn')}</dt><dd data-testid="reply-due">{d.replyDueOn ?? '—'}</dd></div>
        {handling && d.daysLeft !== null ? (
          <div>
            <dt>{t('suggestions.deadline.daysLeft')}</dt>
            <dd data-testid="days-left" className={d.isOverdue ? 'sg-overdue-text' : d.daysLeft <= 14 ? 'sg-soon' : undefined}>
              {d.isOverdue ? (
                <><ExclamationCircleFilled aria-hidden /> {t('suggestions.deadline.overdueDays', { count: -d.daysLeft })}</>
              ) : d.daysLeft === 0 ? t('suggestions.deadline.dueToday') : t('suggestions.deadline.daysLeftValue', { count: d.daysLeft })}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('suggestions.deadline.period')}</dt>
          <dd>{s.isDifficult ? <Tag color="orange" className="sg-tag">{t('suggestions.deadline.difficult')}</Tag> : t('suggestions.deadline.normal')}</dd>
        </div>
      </dl>
      {s.round > 1 ? <p className="sg-note sg-rehandling" data-testid="rehandling-note">{t('suggestions.deadline.reHandling', { round: s.round - 1 })}</p> : null}
      {handling && d.overdueFlaggedAt ? <p className="sg-note sg-overdue-text">{t('suggestions.deadline.flagged', { time: formatDateTime(d.overdueFlaggedAt) })}</p> : null}
      <p className="sg-note">{t('suggestions.deadline.basis')}</p>
    </Card>
  );
}

/** 领衔 and 联名 deputies with their confirmations; the office records paper confirmations. */
export function SignersCard({ s, canPaperSign }: { s: SuggestionDetail; canPaperSign: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const sign = useSuggestionAction(s.id, 'sign');
  const isMotion = s.kind === 'motion';
  return (
    <Card size="small" title={t('suggestions.detail.signers')} className="sg-section">
      <ul className="sg-signers">
        {s.signers.map((x) => (
          <li key={x.deputyId}>
            <span className="sg-signer-name">{x.name}</span>
            <Tag className="sg-tag" color={x.isAuthor ? 'red' : 'default'}>{t(x.isAuthor ? 'suggestions.detail.author' : 'suggestions.detail.coSigner')}</Tag>
            {x.confirmedAt ? (
              <span className="sg-ok"><CheckCircleFilled aria-hidden /> {t(x.confirmation === 'paper' ? 'suggestions.detail.confirmedPaper' : 'suggestions.detail.confirmedSelf')}</span>
            ) : (
              <span className="sg-soon"><ClockCircleOutlined aria-hidden /> {t('suggestions.detail.unconfirmed')}</span>
            )}
            {!x.confirmedAt && canPaperSign ? (
              <Button size="small" type="link" loading={sign.isPending && sign.variables?.deputyId === x.deputyId}
                onClick={() => sign.mutate({ deputyId: x.deputyId }, { onSuccess: () => void message.success(t('suggestions.detail.signed')), onError: (e) => report(e) })}>
                {t('suggestions.detail.signPaper')}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {isMotion ? (
        <p className={`sg-note ${s.confirmedSigners >= MOTION_MIN_SIGNERS ? 'sg-ok' : 'sg-soon'}`}>
          {s.confirmedSigners >= MOTION_MIN_SIGNERS
            ? t('suggestions.detail.signerCountOk', { confirmed: s.confirmedSigners })
            : t('suggestions.detail.signerCount', { confirmed: s.confirmedSigners, required: MOTION_MIN_SIGNERS })}
        </p>
      ) : null}
    </Card>
  );
}

function unitName(s: SuggestionDetail, unitId: string, t: TFunction): string {
  return s.units.find((u) => u.unitId === unitId)?.name ?? t('suggestions.detail.unknownUnit');
}

/** Units, contacts with the deputy, replies with their feedback and the co-units' opinions. */
export function HandlingCard({ s }: { s: SuggestionDetail }) {
  const { t } = useTranslation();
  const active = s.units.filter((u) => u.isActive);
  if (active.length === 0 && s.replies.length === 0) return null;
  const replyFiles = s.attachments.filter((a) => a.purpose === 'reply');
  return (
    <Card size="small" title={t('suggestions.detail.handling')} className="sg-section" data-testid="handling-card">
      <h3 className="sg-h3">{t('suggestions.detail.units')}</h3>
      <ul className="sg-units">
        {active.map((u) => (
          <li key={u.unitId}><Tag className="sg-tag" color={u.role === 'lead' ? 'red' : 'default'}>{t(`suggestions.unitRoles.${u.role}`)}</Tag>{u.name}</li>
        ))}
      </ul>
      <h3 className="sg-h3">{t('suggestions.detail.contacts')}</h3>
      {s.contacts.length === 0 ? <p className="sg-muted">{t('suggestions.detail.noContacts')}</p> : (
        <ul className="sg-entries">
          {s.contacts.map((c) => (
            <li key={c.id}>
              <div className="sg-entry-head">{t('suggestions.detail.contactLine', { date: c.contactedOn, method: t(`suggestions.contactMethods.${c.method}`, { defaultValue: c.method }) })} · {unitName(s, c.unitId, t)}</div>
              <div className="sg-pre">{c.note}</div>
            </li>
          ))}
        </ul>
      )}
      {s.replies.length ? <h3 className="sg-h3">{t('suggestions.detail.replies')}</h3> : null}
      {s.replies.map((r) => (
        <div key={r.id} className="sg-reply" data-testid={`reply-${r.round}`}>
          <div className="sg-entry-head">
            <strong>{t('suggestions.detail.replyRound', { round: r.round })}</strong>
            <GradeTag grade={r.grade} />
            <span>{t('suggestions.detail.repliedOn', { date: r.repliedOn })}</span>
            <Tag className="sg-tag" color={r.isOnTime ? 'green' : 'red'}>{t(r.isOnTime ? 'suggestions.detail.onTime' : 'suggestions.detail.late')}</Tag>
          </div>
          <div className="sg-pre">{r.content}</div>
          {r.coUnitOpinions.length ? (
            <div className="sg-opinions">
              <div className="sg-label">{t('suggestions.detail.coOpinions')}</div>
              {r.coUnitOpinions.map((o) => <p key={o.id}><strong>{unitName(s, o.unitId, t)}：</strong>{o.content}</p>)}
            </div>
          ) : null}
          <div className="sg-feedback-line">
            {r.feedback ? (
              <>
                <span>{t('suggestions.detail.feedbackLabel')}</span><FeedbackTag feedback={r.feedback} />
                {r.feedbackComment ? <span className="sg-muted">{r.feedbackComment}</span> : null}
              </>
            ) : <span className="sg-muted">{t('suggestions.detail.awaitingFeedback')}</span>}
          </div>
        </div>
      ))}
      <AttachmentList suggestionId={s.id} files={replyFiles} />
      {s.pendingOpinions.length ? (
        <div className="sg-opinions">
          <div className="sg-label">{t('suggestions.detail.pendingOpinions')}</div>
          {s.pendingOpinions.map((o) => <p key={o.id}><strong>{unitName(s, o.unitId, t)}：</strong>{o.content}</p>)}
        </div>
      ) : null}
    </Card>
  );
}

/** 落实: separate from 办结; B and C promises are followed with progress and evidence. */
export function ImplementationCard({ s }: { s: SuggestionDetail }) {
  const { t } = useTranslation();
  if (s.implementation === 'not_applicable' && s.progress.length === 0) return null;
  return (
    <Card size="small" title={t('suggestions.detail.implementation')} className="sg-section" data-testid="implementation-card"
      extra={<ImplementationTag value={s.implementation} />}>
      {s.implementedOn ? <p className="sg-ok">{t('suggestions.detail.implementedOn', { date: s.implementedOn })}</p> : null}
      {s.progress.length ? (
        <ul className="sg-entries">
          {s.progress.map((p) => (
            <li key={p.id}>
              <div className="sg-entry-head">{p.entryOn} <ImplementationTag value={p.status} /></div>
              <div className="sg-pre">{p.content}</div>
              <AttachmentList suggestionId={s.id} files={s.attachments.filter((a) => p.attachmentIds.includes(a.id))} />
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}

export function SupervisionCard({ s }: { s: SuggestionDetail }) {
  const { t } = useTranslation();
  if (s.supervisions.length === 0) return null;
  return (
    <Card size="small" title={t('suggestions.detail.supervisions')} className="sg-section">
      <ul className="sg-entries">
        {s.supervisions.map((x) => (
          <li key={x.id}>
            <div className="sg-entry-head">{x.actedOn} · {t(`suggestions.supervisionMethods.${x.method}`, { defaultValue: x.method })}</div>
            <div className="sg-pre">{x.note}</div>
          </li>
        ))}
      </ul>
    </Card>
  );
}

type Detail = Record<string, unknown>;

/** The facts of one event worth a line: number, units, grade, rating, new due date… */
function eventFacts(e: SuggestionEvent, s: SuggestionDetail, t: TFunction): string[] {
  const d = (e.detail && typeof e.detail === 'object' ? e.detail : {}) as Detail;
  const str = (k: string) => (typeof d[k] === 'string' ? d[k] : null);
  const facts: string[] = [];
  switch (e.action) {
    case 'submit':
    case 'from_motion':
    case 'from_opinions':
      if (str('refNo')) facts.push(t('suggestions.events.refNo', { refNo: str('refNo') }));
      break;
    case 'register':
      if (str('category')) facts.push(t('suggestions.events.category', { category: str('category') }));
      break;
    case 'assign':
    case 'reassign': {
      if (str('leadUnitId')) facts.push(t('suggestions.events.units', { lead: unitName(s, str('leadUnitId')!, t) }));
      const co = Array.isArray(d.coUnitIds) ? (d.coUnitIds as string[]) : [];
      if (co.length) facts.push(t('suggestions.events.coUnits', { units: co.map((u) => unitName(s, u, t)).join('、') }));
      if (str('replyDueOn')) facts.push(t('suggestions.events.due', { date: str('replyDueOn') }));
      if (d.isDifficult === true) facts.push(t('suggestions.deadline.difficultTag'));
      break;
    }
    case 'contact':
      if (str('method')) facts.push(t('suggestions.events.method', { method: t(`suggestions.contactMethods.${str('method')}`, { defaultValue: str('method') }) }));
      break;
    case 'reply':
      if (str('grade')) facts.push(t('suggestions.events.grade', { grade: `${str('grade')} ${t(`suggestions.grades.${str('grade')}`)}` }));
      if (d.isOnTime === false) facts.push(t('suggestions.detail.late'));
      break;
    case 'feedback':
      if (str('rating')) facts.push(t('suggestions.events.rating', { rating: t(`suggestions.feedbacks.${str('rating')}`) }));
      if (d.onPaper === true) facts.push(t('suggestions.events.paper'));
      if (str('replyDueOn')) facts.push(t('suggestions.events.newDue', { date: str('replyDueOn') }));
      break;
    case 'progress':
      if (str('status')) facts.push(t('suggestions.events.status', { status: t(`suggestions.implementations.${str('status')}`) }));
      break;
    case 'supervise':
      if (str('method')) facts.push(t('suggestions.events.method', { method: t(`suggestions.supervisionMethods.${str('method')}`, { defaultValue: str('method') }) }));
      break;
    case 'attach':
    case 'detach':
      if (str('fileName')) facts.push(t('suggestions.events.file', { name: str('fileName') }));
      break;
    case 'consent':
      facts.push(t(d.isPublic === true ? 'suggestions.events.consentOn' : 'suggestions.events.consentOff'));
      break;
    case 'sign':
      if (d.confirmation === 'paper') facts.push(t('suggestions.events.paper'));
      break;
    case 'overdue_flagged':
      if (str('replyDueOn')) facts.push(t('suggestions.events.overdue', { date: str('replyDueOn') }));
      break;
  }
  return facts;
}

const EVENT_COLORS: Record<string, string> = {
  return: 'red', overdue_flagged: 'red', supervise: 'red', reply: 'green', close: 'green', feedback: 'blue',
};

/** 办理过程: who did what when (suggestion_events). */
export function HistoryTimeline({ s }: { s: SuggestionDetail }) {
  const { t, i18n } = useTranslation();
  if (s.events.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const items = s.events.map((e) => {
    const facts = eventFacts(e, s, t);
    const label = i18n.exists(`suggestions.events.${e.action}`) ? t(`suggestions.events.${e.action}`) : t('suggestions.events.other');
    const body: ReactNode = (
      <div className="sg-event">
        <div className="sg-event-head">
          <strong>{label}</strong>
          <span className="sg-muted">{formatDateTime(e.at)}</span>
          <span className="sg-muted">{e.actorName ?? t('suggestions.detail.system')}</span>
        </div>
        {facts.length ? <div className="sg-event-facts">{facts.join('；')}</div> : null}
        {e.note ? <div className="sg-event-note sg-pre">{e.note}</div> : null}
      </div>
    );
    return { key: e.id, color: EVENT_COLORS[e.action] ?? 'gray', content: body };
  });
  return (
    <Card size="small" title={t('suggestions.detail.history')} className="sg-section" data-testid="history">
      <Timeline items={items} />
    </Card>
  );
}
