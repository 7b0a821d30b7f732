import { EyeOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Descriptions, Drawer, Form, Input, Modal, Radio, Spin } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useAuth } from '../../../app/auth/auth-context';
import { formatDateTime } from '../../../app/format';
import { QueryError } from '../../../components/query-error';
import { todayInShanghai } from '../../../../domain/due-dates';
import { useCloseOpinion, useNotifyResident, useOpinion, useRevealOpinionContact } from '../api';
import { NOTIFICATION_METHODS, type NotificationMethod, type Opinion, type SuggestionLink } from '../types';
import { OpinionStatusTag } from './tags';

/** A suggestion's state in the user's language (the suggestions feature's labels). */
export function SuggestionRef({ suggestion }: { suggestion: SuggestionLink }) {
  const { t, i18n } = useTranslation();
  const state = i18n.exists(`suggestions.states.${suggestion.state}`) ? t(`suggestions.states.${suggestion.state}`) : suggestion.stateLabel;
  return (
    <span className="duty-outcome">
      <Link to={`/suggestions/${suggestion.id}`} data-testid="opinion-suggestion-link">
        {t('duty.opinions.suggestionRef', { refNo: suggestion.refNo ?? t('duty.opinions.noRefNo') })}
      </Link>
      <span className="duty-muted duty-small">{state}</span>
    </span>
  );
}

/** What became of an opinion: the suggestion made of it, the consolidated item, or the settling note. */
export function OutcomeCell({ opinion }: { opinion: Opinion }) {
  const { t } = useTranslation();
  const { outcome } = opinion;
  if (outcome.suggestion) return <SuggestionRef suggestion={outcome.suggestion} />;
  if (outcome.consolidationId) {
    return (
      <span className="duty-outcome">
        <Link to={`/duty/consolidation?year=${opinion.year}#c-${outcome.consolidationId}`}>{t('duty.opinions.consolidationRef', { title: outcome.consolidationTitle ?? '' })}</Link>
      </span>
    );
  }
  if (outcome.closedAt) return <span className="duty-outcome">{t('duty.opinions.closedRef', { note: outcome.closedNote ?? '' })}</span>;
  return <span className="duty-muted">{t('duty.opinions.noOutcome')}</span>;
}

/** The resident's masked name and phone, with 查看联系方式 for those allowed; each look is logged. */
export function ResidentCell({ opinion, canReveal }: { opinion: Opinion; canReveal: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const { nameMasked, phoneMasked } = opinion.resident;
  if (!nameMasked && !phoneMasked) return <span className="duty-muted">{t('duty.opinions.anonymous')}</span>;
  return (
    <span className="duty-resident">
      <span>{[nameMasked, phoneMasked].filter(Boolean).join(' ')}</span>
      {canReveal ? (
        <Button size="small" type="link" icon={<EyeOutlined aria-hidden />} onClick={() => setOpen(true)} className="duty-link-button">
          {t('duty.opinions.reveal')}
        </Button>
      ) : null}
      {open ? <RevealModal opinion={opinion} onClose={() => setOpen(false)} /> : null}
    </span>
  );
}

/** Asks first (the look is audited), then shows the full name and phone once; nothing is kept. */
function RevealModal({ opinion, onClose }: { opinion: Opinion; onClose: () => void }) {
  const { t } = useTranslation();
  const reveal = useRevealOpinionContact();
  return (
    <Modal
      open
      title={t('duty.reveal.title')}
      onCancel={onClose}
      destroyOnHidden
      footer={reveal.data ? <Button onClick={onClose}>{t('common.close')}</Button> : (
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={reveal.isPending} onClick={() => reveal.mutate(opinion.id)}>{t('duty.reveal.confirm')}</Button>
        </>
      )}
    >
      <Alert type="warning" showIcon title={t('duty.reveal.notice')} className="duty-alert" />
      {reveal.isError ? <QueryError error={reveal.error} /> : null}
      {reveal.data ? (
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label={t('duty.fields.residentName')}>{reveal.data.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('duty.fields.residentPhone')}>
            {reveal.data.phone ? <a href={`tel:${reveal.data.phone}`} data-testid="revealed-phone">{reveal.data.phone}</a> : '—'}
          </Descriptions.Item>
        </Descriptions>
      ) : null}
    </Modal>
  );
}

/** 办结: settles an opinion without a suggestion, with the note of how. */
export function CloseOpinionModal({ opinion, onClose }: { opinion: Opinion; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const [form] = Form.useForm<{ note: string }>();
  const close = useCloseOpinion();
  const onFinish = ({ note }: { note: string }) => close.mutate({ id: opinion.id, note: note.trim() }, {
    onSuccess: () => { void message.success(t('duty.close.done')); onClose(); },
    onError: (err) => report(err, form),
  });
  return (
    <Modal open title={t('duty.close.title')} onCancel={onClose} okText={t('duty.close.ok')} confirmLoading={close.isPending} onOk={() => form.submit()} destroyOnHidden>
      <p className="duty-quote">{opinion.content}</p>
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark="optional">
        <Form.Item name="note" label={t('duty.close.note')} rules={[{ required: true, whitespace: true, message: t('duty.close.noteRequired') }]} extra={t('duty.close.hint')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Records that the resident was told the outcome (nothing is sent from here). */
export function NotifyModal({ opinion, onClose }: { opinion: Opinion; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const [form] = Form.useForm<{ method: NotificationMethod; note: string; notifiedOn: Dayjs }>();
  const notify = useNotifyResident();
  const hasPhone = opinion.resident.hasPhone;
  const onFinish = (v: { method: NotificationMethod; note: string; notifiedOn: Dayjs }) => notify.mutate(
    { id: opinion.id, method: v.method, note: v.note.trim(), notifiedOn: v.notifiedOn.format('YYYY-MM-DD') },
    { onSuccess: () => { void message.success(t('duty.notify.done')); onClose(); }, onError: (err) => report(err, form) },
  );
  return (
    <Modal open title={t('duty.notify.title')} onCancel={onClose} okText={t('duty.notify.ok')} confirmLoading={notify.isPending} onOk={() => form.submit()} destroyOnHidden>
      <p className="duty-muted">{t('duty.notify.intro')}</p>
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark="optional"
        initialValues={{ method: hasPhone ? 'phone' : 'other', notifiedOn: dayjs(todayInShanghai()), note: '' }}>
        <Form.Item name="method" label={t('duty.notify.method')} rules={[{ required: true }]} extra={hasPhone ? undefined : t('duty.notify.noPhone')}>
          <Radio.Group>
            {NOTIFICATION_METHODS.map((m) => <Radio.Button key={m} value={m} disabled={m !== 'other' && !hasPhone}>{t(`duty.notify.methods.${m}`)}</Radio.Button>)}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="notifiedOn" label={t('duty.notify.date')} rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(todayInShanghai()), 'day')} className="duty-date" />
        </Form.Item>
        <Form.Item name="note" label={t('duty.notify.note')} rules={[{ required: true, whitespace: true, message: t('duty.notify.noteRequired') }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One opinion in full: where it came from, the resident, what became of it and who was told. */
export function OpinionDrawer({ id, canReveal, onClose }: { id: string; canReveal: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const detail = useOpinion(id);
  const [action, setAction] = useState<'close' | 'notify' | null>(null);
  const o = detail.data;
  const canManage = can('duty.manage');
  return (
    <Drawer open title={o ? t('duty.opinions.detailTitle', { refNo: o.refNo }) : t('duty.opinions.detail')} onClose={onClose} size={520} destroyOnHidden>
      {detail.isError ? <QueryError error={detail.error} onRetry={() => void detail.refetch()} /> : !o ? <div className="page-loading"><Spin /></div> : (
        <>
          <p className="duty-quote">{o.content}</p>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('duty.fields.status')}><OpinionStatusTag status={o.status} /></Descriptions.Item>
            <Descriptions.Item label={t('duty.fields.receivedOn')}>{o.receivedOn}</Descriptions.Item>
            <Descriptions.Item label={t('duty.fields.source')}>
              {o.activityId ? <Link to={`/duty/activities/${o.activityId}`}>{o.activityTitle}</Link> : t(`duty.sources.${o.source}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('duty.fields.deputy')}>{o.deputyName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('duty.fields.village')}>{o.villageName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('duty.fields.category')}>{o.category ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('duty.fields.resident')}><ResidentCell opinion={o} canReveal={canReveal && o.canRevealContact} /></Descriptions.Item>
            <Descriptions.Item label={t('duty.fields.outcome')}><OutcomeCell opinion={o} /></Descriptions.Item>
          </Descriptions>
          <h3 className="duty-h3">{t('duty.notify.history')}</h3>
          {o.notifications.length === 0 ? <p className="duty-muted">{t('duty.notify.none')}</p> : (
            <ul className="duty-plain-list">
              {o.notifications.map((n) => (
                <li key={n.id}>
                  <strong>{n.notifiedOn}</strong> · {t(`duty.notify.methods.${n.method}`)} · {n.note}
                  <span className="duty-muted duty-small"> {t('duty.notify.by', { name: n.recordedByName ?? '—', time: formatDateTime(n.createdAt) })}</span>
                </li>
              ))}
            </ul>
          )}
          {canManage ? (
            <div className="duty-actions-row">
              {o.status === 'open' ? <Button onClick={() => setAction('close')}>{t('duty.close.button')}</Button> : null}
              {o.status === 'suggested' || o.status === 'closed' ? <Button type="primary" onClick={() => setAction('notify')}>{t('duty.notify.button')}</Button> : null}
            </div>
          ) : null}
          {action === 'close' ? <CloseOpinionModal opinion={o} onClose={() => setAction(null)} /> : null}
          {action === 'notify' ? <NotifyModal opinion={o} onClose={() => setAction(null)} /> : null}
        </>
      )}
    </Drawer>
  );
}
