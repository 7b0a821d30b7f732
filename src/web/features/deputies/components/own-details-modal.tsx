import { Form, Input, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { EDUCATIONS, useUpdateDeputy, type Deputy } from '../api';

interface Values {
  phone?: string;
  education: string;
  workplace?: string;
}

/** A deputy edits the fields the server lets them change on their own record. */
export function OwnDetailsModal({ deputy, onClose }: { deputy: Deputy; onClose: (saved?: boolean) => void }) {
  const { t } = useTranslation();
  const update = useUpdateDeputy(deputy.townshipId);
  const report = useErrorReporter();
  const [form] = Form.useForm<Values>();

  const onFinish = (values: Values) => {
    const phone = values.phone?.trim();
    update.mutate({
      id: deputy.id,
      education: values.education,
      workplace: values.workplace?.trim() || null,
      // The stored phone is only shown masked: blank keeps it.
      ...(phone ? { phone } : {}),
    }, { onSuccess: () => onClose(true), onError: (err) => report(err, form) });
  };

  return (
    <Modal
      open
      title={t('deputies.record.editOwnTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={() => onClose()}
      confirmLoading={update.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('deputies.record.editOwnHelp')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ phone: '', education: deputy.education, workplace: deputy.workplace ?? '' }}>
        <Form.Item
          label={t('deputies.fields.phone')}
          name="phone"
          extra={deputy.phoneMasked ? t('deputies.form.keepHint', { value: deputy.phoneMasked }) : undefined}
          rules={[{ pattern: /^[0-9+\- ]{5,20}$/, message: t('deputies.form.phoneInvalid') }]}
        >
          <Input maxLength={20} inputMode="tel" autoComplete="tel" />
        </Form.Item>
        <Form.Item label={t('deputies.fields.education')} name="education" rules={[{ required: true }]}>
          <Select options={EDUCATIONS.map((e) => ({ value: e, label: e }))} />
        </Form.Item>
        <Form.Item label={t('deputies.fields.workplace')} name="workplace" rules={[{ max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
