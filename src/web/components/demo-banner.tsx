import { ExperimentOutlined } from '@ant-design/icons';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';

/** Marks every page of a demo township, so nobody takes its records for real ones. */
export function DemoBanner({ townshipName }: { townshipName: string }) {
  const { t } = useTranslation();
  return (
    <Alert
      className="demo-banner"
      type="warning"
      banner
      icon={<ExperimentOutlined aria-hidden />}
      showIcon
      title={t('app.demoBanner', { name: townshipName })}
    />
  );
}
