import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDeputyBriefs } from '../../deputies/api';
import { useVillages } from '../../villages/api';

interface IdFilterProps {
  townshipId: string;
  value: string | undefined;
  onChange: (id: string | null) => void;
}

/** Filter by one of the township's deputies, searchable by name. */
export function DeputyFilter({ townshipId, value, onChange }: IdFilterProps) {
  const { t } = useTranslation();
  const deputies = useDeputyBriefs(townshipId, { level: 'township' });
  return (
    <Select<string>
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      aria-label={t('duty.fields.deputy')}
      placeholder={t('duty.fields.deputy')}
      value={value}
      onChange={(v) => onChange(v ?? null)}
      loading={deputies.isPending}
      className="duty-filter-deputy"
      options={(deputies.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
    />
  );
}

/** Filter by one of the township's villages (archived ones left out), searchable by name. */
export function VillageFilter({ townshipId, value, onChange }: IdFilterProps) {
  const { t } = useTranslation();
  const villages = useVillages(townshipId);
  return (
    <Select<string>
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      aria-label={t('duty.fields.village')}
      placeholder={t('duty.fields.village')}
      value={value}
      onChange={(v) => onChange(v ?? null)}
      loading={villages.isPending}
      className="duty-filter-village"
      options={(villages.data ?? []).filter((v) => !v.archivedAt).map((v) => ({ value: v.id, label: v.name }))}
    />
  );
}
