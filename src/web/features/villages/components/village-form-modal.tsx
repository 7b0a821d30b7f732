import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { VILLAGE_KINDS, type Village } from '../../../app/api/types';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useTownship } from '../../../app/auth/auth-context';
import { useCreateVillage, useUpdateVillage, type VillageInput } from '../api';

interface Values {
  name: string;
  code?: string;
  kind: Village['kind'];
  sortOrder?: number | null;
}

/** Add or edit a village (村委会) or residents' committee (居委会). */
export function VillageFormModal({ village, onClose }: { village: Village | null; onClose: (saved?: Village) => void }) {
  const { t } = useTranslation();
  const township = useTownship();
  const create = useCreateVillage(township.id);
  const update = useUpdateVillage(township.id);
  const report = useErrorReporter();
  const [form] = Form.useForm<Values>();

  const onFinish = (values: Values) => {
    const input: VillageInput = {
      name: values.name.trim(),
      code: values.code?.trim() ? values.code.trim() : null,
      kind: values.kind,
      ...(values.sortOrder != null ? { sortOrder: values.sortOrder } : {}),
    };
    const handlers = { onSuccess: (saved: Village) => onClose(saved), onError: (err: unknown) => report(err, form) };
    if (village) update.mutate({ id: village.id, ...input }, handlers);
    else create.mutate(input, handlers);
  };

  return (
    <Modal
      open
      title={village ? t('villages.editTitle') : t('villages.addTitle')}
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
        preserve={false}
        initialValues={village ? { name: village.name, code: village.code ?? '', kind: village.kind, sortOrder: village.sortOrder } : { kind: 'village' }}
      >
        <Form.Item label={t('villages.name')} name="name" rules={[{ required: true, whitespace: true, max: 60, message: t('villages.nameRequired') }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item label={t('villages.kind')} name="kind" rules={[{ required: true }]}>
          <Select options={VILLAGE_KINDS.map((k) => ({ value: k, label: t(`villages.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item
          label={t('villages.code')}
          name="code"
          extra={t('villages.codeHelp', { prefix: township.code })}
          rules={[
            { pattern: /^\d{12}$/, message: t('villages.codeInvalid') },
            { validator: async (_, v: string | undefined) => { if (v && /^\d{12}$/.test(v) && !v.startsWith(township.code)) throw new Error(t('villages.codePrefix', { prefix: township.code })); } },
          ]}
        >
          <Input inputMode="numeric" maxLength={12} />
        </Form.Item>
        <Form.Item label={t('villages.sortOrder')} name="sortOrder">
          <InputNumber min={0} max={9999} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
