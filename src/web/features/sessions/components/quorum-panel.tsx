import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LIVE_REFETCH_MS } from '../api';
import type { Quorum } from '../types';

/**
 * The live count against the quorum: more than 2/3 of all seated deputies must be present
 * (地方组织法 第14条). 应到, 实到, 请假, 缺席, the threshold, whether it is met and how many are missing.
 */
export function QuorumPanel({ quorum, live }: { quorum: Quorum; live: boolean }) {
  const { t } = useTranslation();
  const people = (count: number) => t('sessions.quorum.people', { count });
  return (
    <section
      className={`quorum-panel ${quorum.hasQuorum ? 'met' : 'not-met'}`}
      aria-labelledby="quorum-title"
      data-testid="quorum-panel"
    >
      <Typography.Title level={2} id="quorum-title" style={{ fontSize: 16, marginTop: 0 }}>
        {t('sessions.quorum.title')}
        {live ? <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400, marginLeft: 12 }}>{t('sessions.quorum.live', { seconds: LIVE_REFETCH_MS / 1000 })}</Typography.Text> : null}
      </Typography.Title>
      <dl className="quorum-figures" aria-live="polite">
        <div><dt>{t('sessions.quorum.seated')}</dt><dd data-testid="quorum-seated">{people(quorum.seated)}</dd></div>
        <div><dt>{t('sessions.quorum.present')}</dt><dd data-testid="quorum-present">{people(quorum.present)}</dd></div>
        <div><dt>{t('sessions.quorum.onLeave')}</dt><dd data-testid="quorum-on-leave">{people(quorum.onLeave)}</dd></div>
        <div><dt>{t('sessions.quorum.absent')}</dt><dd data-testid="quorum-absent">{people(quorum.absent)}</dd></div>
        <div><dt>{t('sessions.quorum.unmarked')}</dt><dd data-testid="quorum-unmarked">{people(quorum.unmarked)}</dd></div>
        <div>
          <dt>{t('sessions.quorum.threshold')}</dt>
          <dd data-testid="quorum-threshold">{people(quorum.threshold)}<small>{t('sessions.quorum.thresholdText', { count: quorum.threshold })}</small></dd>
        </div>
        <div>
          <dt>{t('sessions.quorum.reached')}</dt>
          <dd data-testid="quorum-status" className={quorum.hasQuorum ? 'quorum-status-met' : 'quorum-status-not-met'}>
            {quorum.hasQuorum ? <CheckCircleFilled aria-hidden /> : <CloseCircleFilled aria-hidden />} {quorum.hasQuorum ? t('sessions.quorum.met') : t('sessions.quorum.notMet')}
          </dd>
        </div>
        <div><dt>{t('sessions.quorum.shortBy')}</dt><dd data-testid="quorum-short-by">{people(quorum.shortBy)}</dd></div>
      </dl>
      <p className="quorum-basis">{t('sessions.quorum.basis')}{quorum.isFrozen ? '' : ` ${t('sessions.quorum.preview')}`}</p>
    </section>
  );
}
