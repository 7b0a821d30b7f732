import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Deadline, Feedback, Grade, Implementation, SuggestionKind, SuggestionState } from '../types';

const STATE_COLORS: Record<SuggestionState, string> = {
  draft: 'default', submitted: 'gold', returned: 'orange', withdrawn: 'default', registered: 'cyan',
  assigned: 'blue', replied: 'purple', re_handling: 'volcano', closed: 'green',
};

export function StateTag({ state }: { state: SuggestionState }) {
  const { t } = useTranslation();
  return <Tag color={STATE_COLORS[state]} className="sg-tag">{t(`suggestions.states.${state}`)}</Tag>;
}

export function KindTag({ kind }: { kind: SuggestionKind }) {
  const { t } = useTranslation();
  return <Tag color={kind === 'motion' ? 'red' : 'default'} className="sg-tag">{t(`suggestions.kinds.${kind}`)}</Tag>;
}

const GRADE_COLORS: Record<Grade, string> = { A: 'green', B: 'blue', C: 'gold', D: 'default' };

/** "B 正在解决": the letter and a short label; the full label as the title. */
export function GradeTag({ grade }: { grade: Grade | null }) {
  const { t } = useTranslation();
  if (!grade) return <span className="sg-muted">—</span>;
  return <Tag color={GRADE_COLORS[grade]} className="sg-tag" title={`${grade} ${t(`suggestions.grades.${grade}`)}`}>{t(`suggestions.gradeShort.${grade}`)}</Tag>;
}

const FEEDBACK_COLORS: Record<Feedback, string> = { satisfied: 'green', basically_satisfied: 'cyan', dissatisfied: 'red' };

export function FeedbackTag({ feedback }: { feedback: Feedback | null }) {
  const { t } = useTranslation();
  if (!feedback) return <span className="sg-muted">—</span>;
  return <Tag color={FEEDBACK_COLORS[feedback]} className="sg-tag">{t(`suggestions.feedbacks.${feedback}`)}</Tag>;
}

const IMPLEMENTATION_COLORS: Record<Implementation, string> = { not_applicable: 'default', pending: 'gold', in_progress: 'blue', implemented: 'green' };

export function ImplementationTag({ value }: { value: Implementation }) {
  const { t } = useTranslation();
  return <Tag color={IMPLEMENTATION_COLORS[value]} className="sg-tag">{t(`suggestions.implementations.${value}`)}</Tag>;
}

/** The reply date with a red 逾期 tag, or the days left while a unit is handling it. */
export function DeadlineCell({ deadline }: { deadline: Deadline }) {
  const { t } = useTranslation();
  if (!deadline.replyDueOn) return <span className="sg-muted">—</span>;
  return (
    <span className="sg-deadline-cell">
      <span className={deadline.isOverdue ? 'sg-overdue-text' : undefined}>{deadline.replyDueOn}</span>
      {deadline.isOverdue ? (
        <Tag color="red" className="sg-tag" title={t('suggestions.deadline.overdueDays', { count: -(deadline.daysLeft ?? 0) })}>
          {t('suggestions.deadline.overdueShort', { count: -(deadline.daysLeft ?? 0) })}
        </Tag>
      ) : deadline.daysLeft !== null ? (
        <span className={deadline.daysLeft <= 14 ? 'sg-soon' : 'sg-muted'}>
          {deadline.daysLeft === 0 ? t('suggestions.deadline.dueToday') : t('suggestions.deadline.remaining', { count: deadline.daysLeft })}
        </span>
      ) : null}
    </span>
  );
}
