import { Button, Col, DatePicker, Divider, Drawer, Form, Input, InputNumber, Radio, Row, Select, Space, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useTownship } from '../../../app/auth/auth-context';
import {
  DEPUTY_LEVELS, EDUCATIONS, occupationsOf, PARTIES, useConstituencies, useCreateDeputy, useGroups, useUpdateDeputy,
  type Deputy, type DeputyInput, type DeputyLevel, type Gender,
} from '../api';

interface Values {
  level: DeputyLevel;
  termNumber: number;
  name: string;
  gender: Gender;
  ethnicity: string;
  birthDate: Dayjs | null;
  idNumber?: string;
  party: string;
  education: string;
  occupation: string;
  workplace?: string;
  constituencyId?: string | null;
  groupId?: string | null;
  phone?: string;
  mandateStart: Dayjs | null;
  mandateEnd?: Dayjs | null;
  endReason?: string;
  holdsGovernmentPost: boolean;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** GB 11643 check digit of an 18-character 身份证号; the server checks again. */
export function hasValidCheckDigit(id: string): boolean {
  if (!/^\d{17}[\dX]$/i.test(id)) return false;
  const sum = [...id.slice(0, 17)].reduce((acc, ch, i) => acc + Number(ch) * WEIGHTS[i]!, 0);
  return CHECK[sum % 11] === id[17]!.toUpperCase();
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const blankToNull = (s: string | undefined) => (s?.trim() ? s.trim() : null);
const PHONE = /^[0-9+\- ]{5,20}$/;

/** Add a deputy or edit one: every field of the roster, in a drawer. */
export function DeputyFormDrawer({ deputy, onClose }: { deputy: Deputy | null; onClose: (saved?: Deputy) => void }) {
  const { t } = useTranslation();
  const township = useTownship();
  const constituencies = useConstituencies(township.id);
  const groups = useGroups(township.id);
  const create = useCreateDeputy(township.id);
  const update = useUpdateDeputy(township.id);
  const report = useErrorReporter();
  const [form] = Form.useForm<Values>();
  const mandateEnd = Form.useWatch('mandateEnd', form);
  const occupations = occupationsOf(township);
  const isEdit = Boolean(deputy);

  const onFinish = (values: Values) => {
    const input: DeputyInput = {
      level: values.level,
      termNumber: values.termNumber,
      name: values.name.trim(),
      gender: values.gender,
      ethnicity: values.ethnicity.trim(),
      birthDate: day(values.birthDate)!,
      idNumber: (values.idNumber ?? '').trim().toUpperCase(),
      party: values.party,
      education: values.education,
      occupation: values.occupation,
      workplace: blankToNull(values.workplace),
      constituencyId: values.constituencyId ?? null,
      groupId: values.groupId ?? null,
      phone: blankToNull(values.phone),
      mandateStart: day(values.mandateStart)!,
      mandateEnd: day(values.mandateEnd),
      endReason: values.mandateEnd ? blankToNull(values.endReason) : null,
      holdsGovernmentPost: values.holdsGovernmentPost,
    };
    const handlers = { onSuccess: (saved: Deputy) => onClose(saved), onError: (err: unknown) => report(err, form) };
    if (deputy) {
      // The full ID and phone are never sent to the page: blank means "keep what is stored".
      const { idNumber, phone, ...rest } = input;
      update.mutate({ id: deputy.id, ...rest, ...(idNumber ? { idNumber } : {}), ...(phone ? { phone } : {}) }, handlers);
    } else {
      create.mutate(input, handlers);
    }
  };

  const initialValues: Partial<Values> = deputy
    ? {
      level: deputy.level, termNumber: deputy.termNumber, name: deputy.name, gender: deputy.gender, ethnicity: deputy.ethnicity,
      birthDate: dayjs(deputy.birthDate), idNumber: '', party: deputy.party, education: deputy.education, occupation: deputy.occupation,
      workplace: deputy.workplace ?? '', constituencyId: deputy.constituencyId, groupId: deputy.groupId, phone: '',
      mandateStart: dayjs(deputy.mandateStart), mandateEnd: deputy.mandateEnd ? dayjs(deputy.mandateEnd) : null,
      endReason: deputy.endReason ?? '', holdsGovernmentPost: deputy.holdsGovernmentPost,
    }
    : { level: 'township', termNumber: 14, gender: 'male', ethnicity: '汉族', holdsGovernmentPost: false, constituencyId: null, groupId: null, birthDate: null, mandateStart: null };

  const occupationChoices = deputy && !occupations.includes(deputy.occupation) ? [...occupations, deputy.occupation] : occupations;
  const required = (field: string) => ({ required: true, message: t('common.required', { field: t(`deputies.fields.${field}`) }) });
  const requiredSelect = (field: string) => ({ required: true, message: t('common.requiredSelect', { field: t(`deputies.fields.${field}`) }) });

  return (
    <Drawer
      open
      size={720}
      title={deputy ? t('deputies.form.editTitle', { name: deputy.name }) : t('deputies.form.addTitle')}
      onClose={() => onClose()}
      destroyOnHidden
      maskClosable={false}
      extra={(
        <Space>
          <Button onClick={() => onClose()}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending || update.isPending} onClick={() => form.submit()}>{t('common.save')}</Button>
        </Space>
      )}
    >
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={initialValues} scrollToFirstError>
        <Divider titlePlacement="start" plain>{t('deputies.form.basics')}</Divider>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item label={t('deputies.fields.name')} name="name" rules={[{ ...required('name'), whitespace: true }, { max: 30 }]}>
              <Input maxLength={30} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={t('deputies.fields.gender')} name="gender" rules={[requiredSelect('gender')]}>
              <Radio.Group options={(['male', 'female'] as const).map((g) => ({ value: g, label: t(`deputies.genders.${g}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              label={t('deputies.fields.idNumber')}
              name="idNumber"
              extra={deputy ? t('deputies.form.keepHint', { value: deputy.idNumberMasked }) : undefined}
              rules={[
                ...(isEdit ? [] : [required('idNumber')]),
                {
                  validator: (_, value: string | undefined) => {
                    const v = (value ?? '').trim();
                    if (!v) return Promise.resolve();
                    if (!/^\d{17}[\dXx]$/.test(v)) return Promise.reject(new Error(t('deputies.form.idInvalid')));
                    if (!hasValidCheckDigit(v)) return Promise.reject(new Error(t('deputies.form.idCheckDigit')));
                    return Promise.resolve();
                  },
                },
              ]}
            >
              <Input maxLength={18} autoComplete="off" spellCheck={false} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={t('deputies.fields.birthDate')} name="birthDate" rules={[requiredSelect('birthDate')]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={t('deputies.fields.ethnicity')} name="ethnicity" rules={[{ ...required('ethnicity'), whitespace: true }, { max: 20 }]}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={t('deputies.fields.party')} name="party" rules={[requiredSelect('party')]}>
              <Select options={PARTIES.map((p) => ({ value: p, label: p }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={t('deputies.fields.education')} name="education" rules={[requiredSelect('education')]}>
              <Select options={EDUCATIONS.map((e) => ({ value: e, label: e }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={t('deputies.fields.occupation')} name="occupation" rules={[requiredSelect('occupation')]}>
              <Select options={occupationChoices.map((o) => ({ value: o, label: o }))} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label={t('deputies.fields.workplace')} name="workplace" rules={[{ max: 100 }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>{t('deputies.form.mandateSection')}</Divider>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item label={t('deputies.fields.level')} name="level" rules={[requiredSelect('level')]}>
              <Select options={DEPUTY_LEVELS.map((l) => ({ value: l, label: t(`deputies.levels.${l}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={t('deputies.fields.termNumber')} name="termNumber" rules={[required('termNumber')]}>
              <InputNumber min={1} max={99} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={t('deputies.fields.constituency')} name="constituencyId">
              <Select
                allowClear
                loading={constituencies.isPending}
                placeholder={t('deputies.form.none')}
                options={(constituencies.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={t('deputies.fields.group')} name="groupId">
              <Select
                allowClear
                loading={groups.isPending}
                placeholder={t('deputies.form.none')}
                options={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label={t('deputies.fields.mandateStart')} name="mandateStart" rules={[requiredSelect('mandateStart')]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              label={t('deputies.fields.mandateEnd')}
              name="mandateEnd"
              dependencies={['mandateStart']}
              rules={[({ getFieldValue }) => ({
                validator: (_, value: Dayjs | null | undefined) => {
                  const start = getFieldValue('mandateStart') as Dayjs | null;
                  if (value && start && value.isBefore(start, 'day')) return Promise.reject(new Error(t('deputies.form.endBeforeStart')));
                  return Promise.resolve();
                },
              })]}
            >
              <DatePicker style={{ width: '100%' }} allowClear />
            </Form.Item>
          </Col>
          {mandateEnd ? (
            <Col span={24}>
              <Form.Item
                label={t('deputies.fields.endReason')}
                name="endReason"
                rules={[{ required: true, whitespace: true, message: t('deputies.form.endReasonRequired') }, { max: 100 }]}
              >
                <Input maxLength={100} />
              </Form.Item>
            </Col>
          ) : null}
          <Col span={24}>
            <Form.Item
              label={t('deputies.fields.holdsGovernmentPost')}
              name="holdsGovernmentPost"
              valuePropName="checked"
              extra={t('deputies.form.governmentPostHelp')}
            >
              <Switch checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>{t('deputies.form.contact')}</Divider>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              label={t('deputies.fields.phone')}
              name="phone"
              extra={deputy?.phoneMasked ? t('deputies.form.keepHint', { value: deputy.phoneMasked }) : undefined}
              rules={[{ pattern: PHONE, message: t('deputies.form.phoneInvalid') }]}
            >
              <Input maxLength={20} inputMode="tel" autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
