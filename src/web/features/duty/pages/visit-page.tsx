import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, InputNumber, Result, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../../app/api/client';
import { fieldMessage } from '../../../app/api/errors';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useTownship } from '../../../app/auth/auth-context';
import { todayInShanghai } from '../../../../domain/due-dates';
import { shortVillageName } from '../../../../domain/village-names';
import { useConstituencies, useOwnDeputy } from '../../deputies/api';
import { useVillages } from '../../villages/api';
import { useCreateActivity } from '../api';
import type { ActivityDetail } from '../types';
import '../duty.css';

interface OpinionRow {
  content?: string;
  villageId?: string;
  residentName?: string;
  residentPhone?: string;
}

interface Values {
  heldOn: string;
  place: string;
  votersContacted: number | null;
  opinions: OpinionRow[];
}

/**
 * /duty/visit: a deputy logs a voter visit (联系选民) from their phone in one screen: the day
 * (today), the place, how many voters, and what they said, each with its village. One request
 * creates the activity with its opinions. Rows left empty are ignored.
 */
export default function VisitPage() {
  const { t } = useTranslation();
  const township = useTownship();
  const report = useErrorReporter();
  const [form] = Form.useForm<Values>();
  const today = todayInShanghai();
  const own = useOwnDeputy(true);
  const constituencies = useConstituencies(township.id);
  const villages = useVillages(township.id);
  const create = useCreateActivity(township.id);
  const [saved, setSaved] = useState<ActivityDetail | null>(null);

  // The deputy's own constituency's villages first: that is where they visit.
  const villageOptions = useMemo((): { label: string; value?: string; options?: { value: string; label: string }[] }[] => {
    const mine = new Set(constituencies.data?.find((c) => c.id === own.data?.constituencyId)?.villageIds ?? []);
    const list = (villages.data ?? []).filter((v) => !v.archivedAt);
    const option = (v: (typeof list)[number]) => ({ value: v.id, label: shortVillageName(v.name) });
    const near = list.filter((v) => mine.has(v.id)).map(option);
    const other = list.filter((v) => !mine.has(v.id)).map(option);
    return near.length ? [{ label: t('duty.visit.myVillages'), options: near }, { label: t('duty.visit.otherVillages'), options: other }] : other;
  }, [constituencies.data, own.data?.constituencyId, villages.data, t]);

  const initialValues: Values = { heldOn: today, place: '', votersContacted: null, opinions: [{}] };

  const onFinish = (v: Values) => {
    const opinions = v.opinions.filter((o) => o.content?.trim()).map((o) => ({
      content: o.content!.trim(), villageId: o.villageId ?? null, residentName: o.residentName?.trim() || null, residentPhone: o.residentPhone?.trim() || null,
    }));
    create.mutate({
      kind: 'voter_contact', heldOn: v.heldOn, place: v.place.trim(), votersContacted: v.votersContacted ?? 0, opinions,
    }, {
      onSuccess: (a) => setSaved(a),
      onError: (err) => {
        report(err);
        // Server paths like opinions.1.residentPhone onto the row's field.
        if (err instanceof ApiError) {
          form.setFields(err.fields.map((f) => ({
            name: f.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) as ['opinions', number, 'residentPhone'], errors: [fieldMessage(t, f.message)],
          })));
        }
      },
    });
  };

  const again = () => {
    setSaved(null);
    create.reset();
    form.resetFields();
  };

  if (saved) {
    return (
      <div className="duty-page duty-visit">
        <Card>
          <Result
            status="success"
            role="status"
            data-testid="visit-saved"
            title={t('duty.visit.saved')}
            subTitle={t('duty.visit.savedText', { place: saved.place, count: saved.opinions.length })}
            extra={[
              <Button key="again" type="primary" size="large" block onClick={again} className="duty-big-button">{t('duty.visit.again')}</Button>,
              <Link key="view" to={`/duty/activities/${saved.id}`} className="duty-visit-view">{t('duty.visit.view')}</Link>,
            ]}
          />
        </Card>
      </div>
    );
  }

  return (
    <div className="duty-page duty-visit">
      <h1 className="duty-visit-title">{t('duty.visit.title')}</h1>
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={initialValues} size="large" className="duty-visit-form">
        <Card className="duty-visit-card">
          <div className="duty-visit-row">
            <Form.Item name="heldOn" label={t('duty.fields.heldOn')} rules={[{ required: true, message: t('duty.visit.dateRequired') }]} className="duty-visit-date">
              <Input type="date" max={today} />
            </Form.Item>
            <Form.Item name="votersContacted" label={t('duty.visit.voters')} className="duty-visit-voters">
              <InputNumber min={0} max={100000} inputMode="numeric" className="duty-full" placeholder="0" />
            </Form.Item>
          </div>
          <Form.Item name="place" label={t('duty.fields.place')} rules={[{ required: true, whitespace: true, message: t('duty.visit.placeRequired') }]}>
            <Input maxLength={100} placeholder={t('duty.visit.placePlaceholder')} enterKeyHint="next" />
          </Form.Item>
        </Card>
        <Form.List name="opinions">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Card key={field.key} className="duty-visit-card duty-visit-opinion" data-testid="visit-opinion">
                  <div className="duty-visit-opinion-head">
                    <h2>{t('duty.visit.opinionN', { n: index + 1 })}</h2>
                    {fields.length > 1 ? (
                      <Button type="text" icon={<CloseOutlined aria-hidden />} onClick={() => remove(field.name)} aria-label={t('duty.visit.removeOpinion', { n: index + 1 })} />
                    ) : null}
                  </div>
                  <Form.Item name={[field.name, 'content']} label={t('duty.visit.content')} className="duty-visit-content">
                    <Input.TextArea rows={2} maxLength={2000} placeholder={t('duty.visit.contentPlaceholder')} autoSize={{ minRows: 2, maxRows: 6 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'villageId']} label={t('duty.fields.village')}>
                    <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={villageOptions} placeholder={t('duty.visit.villagePlaceholder')} />
                  </Form.Item>
                  <div className="duty-visit-row">
                    <Form.Item name={[field.name, 'residentName']} label={t('duty.visit.residentName')}>
                      <Input maxLength={30} autoComplete="off" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'residentPhone']} label={t('duty.visit.residentPhone')}>
                      <Input maxLength={20} inputMode="tel" type="tel" autoComplete="off" />
                    </Form.Item>
                  </div>
                </Card>
              ))}
              <Button
                type="dashed"
                block
                icon={<PlusOutlined aria-hidden />}
                className="duty-big-button"
                // A new row starts in the village of the one before: visits go house by house.
                onClick={() => add({ villageId: (form.getFieldValue(['opinions', fields.length - 1, 'villageId']) as string | undefined) })}
              >
                {t('duty.visit.addOpinion')}
              </Button>
            </>
          )}
        </Form.List>
        <p className="duty-muted duty-small duty-visit-hint">{t('duty.visit.privacy')}</p>
        <div className="duty-visit-submit">
          <Button type="primary" htmlType="submit" block size="large" loading={create.isPending} className="duty-big-button">{t('duty.visit.save')}</Button>
        </div>
      </Form>
    </div>
  );
}
