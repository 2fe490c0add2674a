/**
 * 推迟选举日: once a community's election notice is out, a later election day is the steering group's decision. The
 * street records the new day, the reason and the day the group approved it; the server re-checks the rules the new
 * day bears on and keeps the history (shown under the day).
 */
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/queries';
import type { paths } from '../../api/schema';
import { FeedbackPanel } from '../../components/feedback-panel';
import { formatDate } from '../../components/dates';

type Community = paths['/api/v1/communities/{id}']['get']['responses']['200']['content']['application/json'];

interface FormValues {
  readonly electionDay: Dayjs;
  readonly approvedOn: Dayjs;
  readonly reason: string;
}

/** The election day as the table shows it, with every postponement under it. */
export function ElectionDayCell({ community }: { readonly community: Pick<Community, 'electionDay' | 'details'> }) {
  const postponements = community.details.postponements ?? [];
  return (
    <>
      {formatDate(community.electionDay)}
      {postponements.map((p) => (
        <div key={p.at} style={{ fontSize: 12, color: '#595959', maxWidth: 240 }}>
          {p.election === 'party' ? '党组织选举' : ''}由{formatDate(p.from)}推迟（{formatDate(p.approvedOn)}经领导小组批准：{p.reason}）
        </div>
      ))}
    </>
  );
}

export function PostponeElection({ community, roundId }: { readonly community: Pick<Community, 'id' | 'name' | 'electionDay'>; readonly roundId: string }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<FormValues>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const postpone = useMutation({
    mutationFn: (v: FormValues) =>
      unwrap(
        api.PATCH('/api/v1/communities/{id}', {
          params: { path: { id: community.id } },
          body: { electionDay: v.electionDay.format('YYYY-MM-DD'), postponement: { reason: v.reason.trim(), approvedOn: v.approvedOn.format('YYYY-MM-DD') } },
        }),
      ),
    onSuccess: (c) => {
      void message.success(`${c.name}选举日已推迟至${formatDate(c.electionDay)}，请重新发布选举公告`);
      setOpen(false);
      form.resetFields();
      return Promise.all([queryClient.invalidateQueries({ queryKey: keys.round(roundId) }), queryClient.invalidateQueries({ queryKey: keys.community(community.id) })]);
    },
  });
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        推迟选举日
      </Button>
      <Modal
        open={open}
        title={`推迟${community.name}的选举日`}
        okText="登记推迟"
        cancelText="取消"
        confirmLoading={postpone.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <p>原定选举日：{formatDate(community.electionDay)}。选举公告发布后推迟选举日，须经街道换届选举工作领导小组批准。系统将按新的选举日重新核对各项公告时限。</p>
        <FeedbackPanel error={postpone.error} title="未能登记推迟" />
        <Form<FormValues> form={form} name={`postpone-${community.id}`} layout="vertical" onFinish={(v) => postpone.mutate(v)}>
          <Form.Item name="electionDay" label="新的选举日" rules={[{ required: true, message: '请选择新的选举日' }]}>
            <DatePicker format={['YYYY年M月D日', 'YYYY-MM-DD']} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="approvedOn" label="领导小组批准日期" rules={[{ required: true, message: '请选择批准日期' }]}>
            <DatePicker format={['YYYY年M月D日', 'YYYY-MM-DD']} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="reason" label="推迟理由" rules={[{ required: true, whitespace: true, message: '请填写推迟理由' }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
