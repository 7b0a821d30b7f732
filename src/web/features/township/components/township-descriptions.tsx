import { Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Township } from '../../../app/api/types';
import { formatDateTime } from '../../../app/format';

/** Name, place and division code of a township. */
export function TownshipDescriptions({ township, withSettings = false }: { township: Township; withSettings?: boolean }) {
  const { t } = useTranslation();
  const items = [
    { key: 'name', label: t('township.name'), children: <>{township.name}{township.isDemo ? <Tag color="gold" style={{ marginInlineStart: 8 }}>{t('township.demo')}</Tag> : null}</> },
    { key: 'code', label: t('township.code'), children: township.code },
    { key: 'province', label: t('township.province'), children: township.provinceName },
    { key: 'city', label: t('township.city'), children: township.cityName },
    { key: 'county', label: t('township.county'), children: township.countyName },
    { key: 'createdAt', label: t('township.createdAt'), children: formatDateTime(township.createdAt) },
  ];
  if (withSettings) {
    items.push(
      { key: 'period', label: t('township.villageDisclosurePeriod'), children: t(`township.periods.${township.settings.villageDisclosurePeriod}`) },
      { key: 'months', label: t('township.reHandlingMonths'), children: t('township.months', { count: township.settings.reHandlingMonths }) },
    );
  }
  return <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2, lg: 3 }} items={items} />;
}
