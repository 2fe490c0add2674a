/**
 * 近亲属关系申报: the committee records which of its voters are close relatives. The server judges them (ORG-RC-WOMAN on
 * who was elected, MTG-RECUSAL on the counting staff); this card only declares and withdraws, with a reason.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Select, Table, Typography } from 'antd';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/queries';
import type { paths } from '../../api/schema';
import { FeedbackPanel } from '../../components/feedback-panel';
import { VoterPicker } from '../../components/voter-picker';
import { formatDate } from '../../components/dates';

type DeclareBody = NonNullable<paths['/api/v1/communities/{id}/relatives']['post']['requestBody']>['content']['application/json'];
type Relatives = paths['/api/v1/communities/{id}/relatives']['get']['responses']['200']['content']['application/json']['items'][number];

const RELATION_OPTIONS: { value: DeclareBody['relation']; label: string }[] = [
  { value: 'spouse', label: '配偶' },
  { value: 'parent-child', label: '父母子女' },
  { value: 'sibling', label: '兄弟姐妹' },
  { value: 'grandparent-grandchild', label: '祖孙（含外祖父母、外孙子女）' },
];

interface FormValues {
  readonly first: string;
  readonly second: string;
  readonly relation: DeclareBody['relation'];
}

export function RelativesCard({ communityId }: { readonly communityId: string }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [withdrawing, setWithdrawing] = useState<Relatives | null>(null);
  const [reason, setReason] = useState('');
  const key = [...keys.community(communityId), 'relatives'] as const;
  const list = useQuery({
    queryKey: key,
    queryFn: () => unwrap(api.GET('/api/v1/communities/{id}/relatives', { params: { path: { id: communityId } } })),
    enabled: Boolean(communityId),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.community(communityId) });
  const declare = useMutation({
    mutationFn: (v: FormValues) =>
      unwrap(api.POST('/api/v1/communities/{id}/relatives', { params: { path: { id: communityId } }, body: { voterIds: [v.first, v.second], relation: v.relation } })),
    onSuccess: (r) => {
      void message.success(`已申报：${r.people.map((p) => p.name).join('与')}（${r.relationZh}）`);
      form.resetFields();
      return refresh();
    },
  });
  const withdraw = useMutation({
    mutationFn: (input: { id: string; reason: string }) =>
      unwrap(api.DELETE('/api/v1/communities/{id}/relatives/{relativesId}', { params: { path: { id: communityId, relativesId: input.id } }, body: { reason: input.reason } })),
    onSuccess: () => {
      void message.success('已撤销该项申报');
      setWithdrawing(null);
      setReason('');
      return refresh();
    },
  });

  return (
    <Card title="近亲属关系申报" size="small" style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">
        配偶、父母、子女、兄弟姐妹、祖父母、外祖父母、孙子女、外孙子女为近亲属（《民法典》第一千零四十五条）。近亲属不得同时担任居民委员会成员；候选人的近亲属不得担任监票人、唱票人、计票人。系统按这里的申报核对当选结果和工作人员。
      </Typography.Paragraph>
      <FeedbackPanel error={declare.error ?? withdraw.error} title="操作未成功" />
      <Form<FormValues> form={form} layout="inline" onFinish={(v) => declare.mutate(v)} style={{ rowGap: 8, marginBottom: 12 }}>
        <Form.Item name="first" label="选民甲" rules={[{ required: true, message: '请选择选民甲' }]}>
          <VoterPicker communityId={communityId} />
        </Form.Item>
        <Form.Item name="second" label="选民乙" rules={[{ required: true, message: '请选择选民乙' }]}>
          <VoterPicker communityId={communityId} />
        </Form.Item>
        <Form.Item name="relation" label="关系" rules={[{ required: true, message: '请选择亲属关系' }]}>
          <Select options={RELATION_OPTIONS} style={{ minWidth: 200 }} placeholder="请选择" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={declare.isPending}>
          申报
        </Button>
      </Form>
      <Table<Relatives>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: <Typography.Text type="secondary">尚无申报</Typography.Text> }}
        columns={[
          { title: '选民', key: 'people', render: (_, r) => r.people.map((p) => p.name).join('、') },
          { title: '关系', dataIndex: 'relationZh' },
          { title: '申报日期', key: 'createdAt', render: (_, r) => formatDate(r.createdAt) },
          {
            title: '操作',
            key: 'actions',
            render: (_, r) => (
              <Button size="small" onClick={() => setWithdrawing(r)}>
                撤销
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={withdrawing !== null}
        title={withdrawing ? `撤销${withdrawing.people.map((p) => p.name).join('与')}的近亲属申报` : ''}
        okText="撤销"
        cancelText="取消"
        okButtonProps={{ disabled: reason.trim().length === 0, loading: withdraw.isPending }}
        onOk={() => withdrawing && withdraw.mutate({ id: withdrawing.id, reason: reason.trim() })}
        onCancel={() => setWithdrawing(null)}
      >
        <label htmlFor="relatives-withdraw-reason">撤销理由（记入操作日志）</label>
        <Input.TextArea id="relatives-withdraw-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      </Modal>
    </Card>
  );
}
