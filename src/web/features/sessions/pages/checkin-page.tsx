import { Button, Card, Result, Spin } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../../../app/api/client';
import { errorMessage } from '../../../app/api/errors';
import { useAuth } from '../../../app/auth/auth-context';
import { formatDateTime } from '../../../app/format';
import { LanguageSwitch } from '../../../app/shell/language-switch';
import { useCheckIn, useCheckinInfo } from '../api';
import { formatDateRange } from '../components/session-bits';
import type { Checkin } from '../types';
import '../sessions.css';

/** The reason a check-in cannot go ahead, in the deputy's words, or null. */
function problemOf(t: TFunction, err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'NOT_FOUND' || err.code === 'VALIDATION_FAILED') return t('sessions.checkin.invalid');
    if (err.code === 'DEPUTY_NOT_SEATED') return t('sessions.checkin.notSeated');
    if (err.code === 'SESSION_STATE_INVALID') return t('sessions.checkin.notOpen');
    if (err.code === 'FORBIDDEN') return t('sessions.checkin.noAbility');
  }
  return errorMessage(t, err);
}

function blockedBy(t: TFunction, info: Checkin): string | null {
  if (info.session.state !== 'open') return t('sessions.checkin.notOpen');
  if (!info.seat) return t('sessions.checkin.notSeated');
  return null;
}

/**
 * The page a deputy's phone opens from the session's QR code (outside the back-office frame):
 * the session, date, place and their seat, and one big 确认签到 button. Signing in first comes
 * back here (the login page returns to `from`).
 */
export default function CheckinPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const { me, logout } = useAuth();
  const info = useCheckinInfo(token);
  const checkIn = useCheckIn(token);

  let body;
  if (info.isPending) {
    body = <div className="page-loading"><Spin size="large" /></div>;
  } else if (info.isError) {
    body = <Result status="warning" title={t('sessions.checkin.failed')} subTitle={problemOf(t, info.error)} className="checkin-result" />;
  } else {
    const data = checkIn.data ?? info.data;
    const { session, seat } = data;
    const blocked = blockedBy(t, data);
    const isPresent = seat?.status === 'present';
    body = (
      <>
        <h2 className="checkin-session" data-testid="checkin-session">{session.fullName}</h2>
        <dl className="checkin-facts">
          <div><dt>{t('sessions.checkin.date')}</dt><dd>{formatDateRange(t, session.startDate, session.endDate)}</dd></div>
          <div><dt>{t('sessions.checkin.place')}</dt><dd>{session.place}</dd></div>
          {seat ? <div><dt>{t('sessions.checkin.seat')}</dt><dd>{t('sessions.checkin.seatValue', { seq: seat.seq, name: seat.name })}</dd></div> : null}
        </dl>
        {isPresent && seat ? (
          <Result
            status="success"
            className="checkin-result"
            role="status"
            title={checkIn.data && !checkIn.data.alreadyPresent ? t('sessions.checkin.success') : t('sessions.checkin.already')}
            subTitle={t('sessions.checkin.successText', { name: seat.name, time: formatDateTime(seat.checkedInAt) })}
            data-testid="checkin-success"
          />
        ) : blocked ? (
          <Result status="warning" className="checkin-result" title={t('sessions.checkin.failed')} subTitle={blocked} />
        ) : (
          <>
            {checkIn.isError ? <Result status="error" className="checkin-result" title={t('sessions.checkin.failed')} subTitle={problemOf(t, checkIn.error)} /> : null}
            <Button type="primary" size="large" block className="checkin-button" loading={checkIn.isPending} onClick={() => checkIn.mutate()}>
              {t('sessions.checkin.confirm')}
            </Button>
          </>
        )}
      </>
    );
  }

  return (
    <div className="checkin-page">
      <header className="checkin-hero">
        <div style={{ display: 'flex', justifyContent: 'flex-end' }}><LanguageSwitch className="auth-lang-inline" /></div>
        <span className="app-emblem" aria-hidden>人</span>
        <h1>{t('sessions.checkin.title')}</h1>
      </header>
      <main className="checkin-main">
        <Card className="checkin-card">{body}</Card>
        {me ? (
          <p className="checkin-user">
            {t('sessions.checkin.signedInAs', { name: me.user.displayName })}
            <Button type="link" onClick={() => void logout()}>{t('sessions.checkin.switchUser')}</Button>
          </p>
        ) : null}
      </main>
    </div>
  );
}
