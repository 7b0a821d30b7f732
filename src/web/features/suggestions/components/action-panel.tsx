import {
  AuditOutlined, CheckOutlined, CloseCircleOutlined, EditOutlined, EyeOutlined, FlagOutlined, MessageOutlined, PhoneOutlined,
  RollbackOutlined, SendOutlined, SolutionOutlined, StopOutlined, UploadOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Card, Popconfirm, Switch, Upload } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../../app/api/errors';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useAuth } from '../../../app/auth/auth-context';
import { useRevealAuthorContact, useSuggestionAction, useUploadAttachment } from '../api';
import { ATTACHMENT_ACCEPT, type SuggestionDetail } from '../types';
import {
  AssignForm, CloseForm, ContactForm, FeedbackForm, OpinionForm, ProgressForm, RegisterForm, ReplyForm, ReturnForm, SuperviseForm,
  type ActionForm,
} from './action-forms';

/**
 * What the signed-in user may do now, driven by the detail's `actions` (the server decides;
 * this only draws buttons for what it allows). Each opens a small form.
 */
export function ActionPanel({ s }: { s: SuggestionDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { me } = useAuth();
  const report = useErrorReporter();
  const [open, setOpen] = useState<ActionForm | null>(null);
  const submit = useSuggestionAction(s.id, 'submit');
  const withdraw = useSuggestionAction(s.id, 'withdraw');
  const sign = useSuggestionAction(s.id, 'sign');
  const consent = useSuggestionAction(s.id, 'consent');
  const reveal = useRevealAuthorContact(s.id);
  const upload = useUploadAttachment(s.id);
  const has = (a: SuggestionDetail['actions'][number]) => s.actions.includes(a);
  const role = me?.user.role;
  const myUnitId = me?.user.unitId ?? null;
  const isUnit = role === 'unit_handler';
  const isMyLead = isUnit && s.units.some((u) => u.isActive && u.role === 'lead' && u.unitId === myUnitId);
  const isMyCo = isUnit && s.units.some((u) => u.isActive && u.role === 'co' && u.unitId === myUnitId);
  // 代表法 第51条: the reply is refused until this unit has recorded a contact in this round.
  const hasContact = s.contacts.some((c) => c.unitId === myUnitId && c.round === s.round);
  const close = () => setOpen(null);

  const buttons: ReactNode[] = [];
  const add = (key: string, node: ReactNode) => buttons.push(<div key={key} className="sg-action">{node}</div>);

  if (has('edit')) add('edit', <Button block icon={<EditOutlined aria-hidden />} onClick={() => void navigate(`/suggestions/${s.id}/edit`)}>{t('suggestions.actions.edit')}</Button>);
  if (has('submit')) {
    add('submit', (
      <Popconfirm title={t('suggestions.actions.submitConfirm')} okText={t('suggestions.actions.submit')} cancelText={t('common.cancel')}
        onConfirm={() => submit.mutate({}, { onSuccess: (d) => void message.success(t('suggestions.actions.submitted', { refNo: d.refNo ?? '' })), onError: (e) => report(e) })}>
        <Button block type="primary" icon={<SendOutlined aria-hidden />} loading={submit.isPending}>{t('suggestions.actions.submit')}</Button>
      </Popconfirm>
    ));
  }
  if (has('sign') && role === 'deputy') {
    add('sign', (
      <>
        <p className="sg-note">{t('suggestions.detail.signHint', { name: s.authorName })}</p>
        <Button block type="primary" icon={<CheckOutlined aria-hidden />} loading={sign.isPending}
          onClick={() => sign.mutate({}, { onSuccess: () => void message.success(t('suggestions.detail.signed')), onError: (e) => report(e) })}>
          {t('suggestions.detail.sign')}
        </Button>
      </>
    ));
  }
  if (has('register')) add('register', <Button block type="primary" icon={<AuditOutlined aria-hidden />} onClick={() => setOpen('register')}>{t('suggestions.actions.register')}</Button>);
  if (has('return')) add('return', <Button block danger icon={<RollbackOutlined aria-hidden />} onClick={() => setOpen('return')}>{t('suggestions.actions.return')}</Button>);
  if (has('assign')) {
    add('assign', (
      <Button block type={s.state === 'registered' ? 'primary' : 'default'} icon={<SolutionOutlined aria-hidden />} onClick={() => setOpen('assign')}>
        {t(s.state === 'assigned' ? 'suggestions.actions.reassign' : 'suggestions.actions.assign')}
      </Button>
    ));
  }
  if (has('contact')) add('contact', <Button block type={hasContact ? 'default' : 'primary'} icon={<PhoneOutlined aria-hidden />} onClick={() => setOpen('contact')}>{t('suggestions.actions.contact')}</Button>);
  if (has('opinion')) add('opinion', <Button block icon={<MessageOutlined aria-hidden />} onClick={() => setOpen('opinion')}>{t('suggestions.actions.opinion')}</Button>);
  if (has('reply')) {
    add('reply', (
      <>
        <Button block type={hasContact ? 'primary' : 'default'} icon={<SendOutlined aria-hidden />} disabled={!hasContact} onClick={() => setOpen('reply')}
          aria-describedby={hasContact ? undefined : 'sg-reply-blocked'}>
          {t('suggestions.actions.reply')}
        </Button>
        {!hasContact ? <Alert id="sg-reply-blocked" type="warning" showIcon className="sg-alert-inline" title={t('suggestions.actions.replyBlocked')} data-testid="reply-blocked" /> : null}
      </>
    ));
  } else if (isMyCo && !isMyLead && (s.state === 'assigned' || s.state === 're_handling')) {
    add('reply-lead', <p className="sg-note">{t('suggestions.actions.replyOnlyLead')}</p>);
  }
  if (has('feedback')) {
    const onPaper = role !== 'deputy';
    add('feedback', <Button block type="primary" icon={<CheckOutlined aria-hidden />} onClick={() => setOpen('feedback')}>{t(onPaper ? 'suggestions.actions.feedbackTitlePaper' : 'suggestions.actions.feedback')}</Button>);
  }
  if (has('close')) add('close', <Button block icon={<CloseCircleOutlined aria-hidden />} onClick={() => setOpen('close')}>{t('suggestions.actions.close')}</Button>);
  if (has('progress')) add('progress', <Button block type="primary" ghost icon={<FlagOutlined aria-hidden />} onClick={() => setOpen('progress')}>{t('suggestions.actions.progress')}</Button>);
  if (has('supervise')) add('supervise', <Button block danger={s.deadline.isOverdue} icon={<FlagOutlined aria-hidden />} onClick={() => setOpen('supervise')}>{t('suggestions.actions.supervise')}</Button>);
  if (has('attach') && !has('edit')) {
    const purpose = isUnit ? 'reply' as const : 'submission' as const;
    add('attach', (
      <Upload accept={ATTACHMENT_ACCEPT} showUploadList={false} className="sg-upload-block"
        beforeUpload={(file) => {
          upload.mutate({ purpose, file }, {
            onSuccess: () => void message.success(t('suggestions.actions.uploaded', { name: file.name })),
            onError: (err) => void message.error(t('suggestions.actions.uploadFailed', { name: file.name, reason: errorMessage(t, err) })),
          });
          return false;
        }}>
        <Button block icon={<UploadOutlined aria-hidden />} loading={upload.isPending}>{t('suggestions.actions.upload')}</Button>
      </Upload>
    ));
  }
  if (has('revealContact')) {
    add('reveal', (
      <div className="sg-reveal">
        {reveal.data ? (
          <div className="sg-reveal-result" data-testid="author-contact">
            <strong>{reveal.data.name}</strong>
            <span>{t('suggestions.actions.revealedPhone')}：{reveal.data.phone ? <a href={`tel:${reveal.data.phone}`}>{reveal.data.phone}</a> : t('suggestions.actions.noPhone')}</span>
          </div>
        ) : (
          <Button block icon={<EyeOutlined aria-hidden />} loading={reveal.isPending} onClick={() => reveal.mutate(undefined, { onError: (e) => report(e) })}>
            {t('suggestions.actions.revealContact')}
          </Button>
        )}
        <p className="sg-note">{t('suggestions.actions.revealHint')}</p>
      </div>
    ));
  }
  if (has('withdraw')) {
    add('withdraw', (
      <Popconfirm title={t('suggestions.actions.withdrawConfirm')} okText={t('suggestions.actions.withdraw')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }}
        onConfirm={() => withdraw.mutate({}, { onSuccess: () => void message.success(t('suggestions.actions.withdrawn')), onError: (e) => report(e) })}>
        <Button block danger type="text" icon={<StopOutlined aria-hidden />} loading={withdraw.isPending}>{t('suggestions.actions.withdraw')}</Button>
      </Popconfirm>
    ));
  }

  const publicText = <p className="sg-note">{t(s.isPublic ? 'suggestions.detail.publicOn' : 'suggestions.detail.publicOff')}</p>;

  return (
    <Card size="small" title={t('suggestions.actions.panel')} className="sg-actions" data-testid="action-panel">
      {buttons.length ? buttons : <p className="sg-muted">{t('suggestions.detail.viewsOnly')}</p>}
      <div className="sg-consent">
        {has('consent') ? (
          <label className="sg-switch-row">
            <Switch checked={s.isPublic} loading={consent.isPending} aria-label={t('suggestions.detail.consent')}
              onChange={(on) => consent.mutate({ isPublic: on }, { onSuccess: () => void message.success(t('suggestions.detail.consentSaved')), onError: (e) => report(e) })} />
            <span aria-hidden>{t('suggestions.detail.consent')}</span>
          </label>
        ) : null}
        {publicText}
      </div>
      {open === 'register' ? <RegisterForm s={s} onClose={close} /> : null}
      {open === 'return' ? <ReturnForm s={s} onClose={close} /> : null}
      {open === 'assign' ? <AssignForm s={s} onClose={close} /> : null}
      {open === 'contact' ? <ContactForm s={s} onClose={close} /> : null}
      {open === 'opinion' ? <OpinionForm s={s} onClose={close} /> : null}
      {open === 'reply' ? <ReplyForm s={s} onClose={close} /> : null}
      {open === 'feedback' ? <FeedbackForm s={s} onClose={close} onPaper={role !== 'deputy'} /> : null}
      {open === 'close' ? <CloseForm s={s} onClose={close} /> : null}
      {open === 'progress' ? <ProgressForm s={s} onClose={close} /> : null}
      {open === 'supervise' ? <SuperviseForm s={s} onClose={close} /> : null}
    </Card>
  );
}
