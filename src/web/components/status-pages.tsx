import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

export function ForbiddenPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result status="403" title={t('common.forbiddenTitle')} subTitle={t('common.forbiddenText')}
      extra={<Button type="primary" onClick={() => void navigate('/')}>{t('common.backHome')}</Button>} />
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result status="404" title={t('common.notFoundTitle')} subTitle={t('common.notFoundText')}
      extra={<Button type="primary" onClick={() => void navigate('/')}>{t('common.backHome')}</Button>} />
  );
}
