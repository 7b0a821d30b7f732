import { Form, Input, Modal, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { UNIT_TYPES, type Unit, type UnitType } from '../../../app/api/types';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useTownship } from '../../../app/auth/auth-context';
import { useVillages } from '../../villages/api';
import { useCreateUnit, useUpdateUnit, type UnitInput } from '../api';

interface Values {
  name: string;
  type: UnitType;
  hasEnforcementPower: boolean;
  villageId?: string | null;
  contactPerson?: string;
  contactPhone?: string;
}

const blankToNull = (s: string | undefined) => (s?.trim() ? s.trim() : null);

/** Add or edit a unit: a government office, station, school, village committee or other. */
export function UnitFormModal({ unit, onClose }: { unit: Unit | null; onClose: (saved?: Unit) => void }) {
  const { t } = useTranslation();
  const township = useTownship();
  const villages = useVillages(township.id);
  const create = useCreateUnit(township.id);
  const update = useUpdateUnit(township.id);
  const report = useErrorReporter();
  const [form] = Form.useForm<Values>();
  const type = Form.useWatch('type', form);

  const onFinish = (values: Values) => {
    const input: UnitInput = {
      name: values.name.trim(),
      type: values.type,
      hasEnforcementPower: values.hasEnforcementPower,
      villageId: values.villageId ?? null,
      contactPerson: blankToNull(values.contactPerson),
      contactPhone: blankToNull(values.contactPhone),
    };
    const handlers = { onSuccess: (saved: Unit) => onClose(saved), onError: (err: unknown) => report(err, form) };
    if (unit) update.mutate({ id: unit.id, ...input }, handlers);
    else create.mutate(input, handlers);
  };

  return (
    <Modal
      open
      title={unit ? t('units.editTitle') : t('units.addTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={() => onClose()}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={unit
          ? { name: unit.name, type: unit.type, hasEnforcementPower: unit.hasEnforcementPower, villageId: unit.villageId, contactPerson: unit.contactPerson ?? '', contactPhone: unit.contactPhone ?? '' }
          : { type: 'gov_department', hasEnforcementPower: false, villageId: null }}
      >
        <Form.Item label={t('units.name')} name="name" rules={[{ required: true, whitespace: true, max: 60, message: t('units.nameRequired') }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item label={t('units.type')} name="type" rules={[{ required: true }]}>
          <Select options={UNIT_TYPES.map((ty) => ({ value: ty, label: t(`units.types.${ty}`) }))} />
        </Form.Item>
        <Form.Item
          label={t('units.village')}
          name="villageId"
          rules={[{ required: type === 'village_committee', message: t('units.villageRequired') }]}
        >
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={villages.isPending}
            options={(villages.data ?? []).map((v) => ({ value: v.id, label: v.name }))}
          />
        </Form.Item>
        <Form.Item label={t('units.enforcement')} name="hasEnforcementPower" valuePropName="checked">
          <Switch checkedChildren={t('units.hasEnforcement')} unCheckedChildren={t('units.noEnforcement')} />
        </Form.Item>
        <Form.Item label={t('units.contactPerson')} name="contactPerson" rules={[{ max: 30 }]}>
          <Input maxLength={30} autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('units.contactPhone')} name="contactPhone" rules={[{ pattern: /^[0-9+\- ]{5,20}$/, message: t('units.phoneInvalid') }]}>
          <Input maxLength={20} inputMode="tel" autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
