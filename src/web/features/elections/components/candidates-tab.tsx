import { DeleteOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, Input, List, Row, Select, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useAddCandidate, useRemoveCandidate } from '../api';
import { OFFICES, type ElectionDetail, type Office } from '../types';

/** Seats per office and the candidates nominated for each, checked to outnumber the seats (差额). */
export function CandidatesTab({ election }: { election: ElectionDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const add = useAddCandidate(election.id);
  const remove = useRemoveCandidate(election.id);
  const [form] = Form.useForm<{ office: Office; name: string; gender: 'male' | 'female' }>();
  const canEdit = election.can.manage && election.state === 'pending' && !election.tally.first.boxes.some((b) => b.entries.length);
  const seatsOf = (o: Office) => (o === 'chair' ? election.seats.chair : o === 'vice_chair' ? election.seats.viceChair : election.seats.member);
  const submit = async (v: { office: Office; name: string; gender: 'male' | 'female' }) => {
    try {
      await add.mutateAsync(v);
      form.resetFields(['name']);
      void message.success(t('common.saved'));
    } catch (err) {
      report(err, form);
    }
  };
  return (
    <>
      <p>{t('elections.candidates.intro')}</p>
      {election.notCompetitive.length ? (
        <Alert type="warning" showIcon className="elections-box" message={t('elections.candidates.notCompetitive', { offices: election.notCompetitive.map((o) => t(`elections.offices.${o}`)).join('、') })} />
      ) : null}
      {canEdit ? (
        <Form form={form} layout="inline" className="elections-box" initialValues={{ office: 'member', gender: 'female' }} onFinish={(v) => void submit(v)}>
          <Form.Item name="office" label={t('elections.candidates.office')}><Select style={{ width: 110 }} options={OFFICES.filter((o) => seatsOf(o) > 0).map((o) => ({ value: o, label: t(`elections.offices.${o}`) }))} /></Form.Item>
          <Form.Item name="name" label={t('elections.candidates.name')} rules={[{ required: true }]}><Input maxLength={50} style={{ width: 140 }} /></Form.Item>
          <Form.Item name="gender" label={t('elections.candidates.gender')}><Select style={{ width: 80 }} options={[{ value: 'male', label: t('elections.genders.male') }, { value: 'female', label: t('elections.genders.female') }]} /></Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending}>{t('elections.candidates.add')}</Button>
        </Form>
      ) : null}
      <Row gutter={16}>
        {OFFICES.filter((o) => seatsOf(o) > 0).map((o) => (
          <Col xs={24} md={8} key={o}>
            <Card size="small" title={<>{t(`elections.offices.${o}`)} <Tag>{t('elections.candidates.seats', { count: seatsOf(o) })}</Tag></>}>
              <List
                size="small"
                dataSource={election.candidates.filter((c) => c.office === o)}
                locale={{ emptyText: t('elections.candidates.empty') }}
                renderItem={(c) => (
                  <List.Item actions={canEdit ? [<Button key="x" type="link" danger icon={<DeleteOutlined aria-hidden />} aria-label={`${t('elections.round.remove')} ${c.name}`} onClick={() => void remove.mutateAsync(c.id).catch(report)} />] : []}>
                    {t('elections.paren', { text: c.name, note: t(`elections.genders.${c.gender}`) })}
                  </List.Item>
                )}
              />
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
