/** 添加选民: one voter by identity number; the dialog keeps what was typed when the server refuses it. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { api, unwrap } from '../../api/client';
import { FeedbackPanel } from '../../components/feedback-panel';
import { RESIDENCY_TEXT, votersKey, type NewVoter } from './queries';

export function AddVoterModal(props: {
  readonly communityId: string;
  readonly groups: ReadonlyArray<{ id: string; name: string }>;
  readonly open: boolean;
  readonly onClose: () => void;
}) {
  const [form] = Form.useForm<NewVoter>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const add = useMutation({
    mutationFn: (body: NewVoter) => unwrap(api.POST('/api/v1/communities/{id}/voters', { params: { path: { id: props.communityId } }, body })),
    onSuccess: (voter) => {
      void message.success(`已登记选民 ${voter.name}`);
      form.resetFields();
      add.reset();
      props.onClose();
      return queryClient.invalidateQueries({ queryKey: votersKey(props.communityId) });
    },
  });

  return (
    <Modal
      title="添加选民"
      open={props.open}
      okText="登记"
      cancelText="取消"
      onOk={() => form.submit()}
      confirmLoading={add.isPending}
      onCancel={props.onClose}
      forceRender
    >
      <FeedbackPanel error={add.error} title="未能登记" />
      <Form<NewVoter> form={form} layout="vertical" initialValues={{ residency: 'registered' }} onFinish={(values) => add.mutate(values)}>
        <Form.Item label="身份证号码" name="idNumber" rules={[{ required: true, message: '请输入身份证号码' }]}>
          <Input autoComplete="off" maxLength={18} />
        </Form.Item>
        <Form.Item label="姓名" name="name" rules={[{ required: true, message: '请输入姓名' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="户籍/居住" name="residency" rules={[{ required: true }]}>
          <Select options={Object.entries(RESIDENCY_TEXT).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item label="居民小组" name="groupId">
          <Select allowClear placeholder="不选" options={props.groups.map((g) => ({ value: g.id, label: g.name }))} />
        </Form.Item>
        <Form.Item label="户号" name="householdNo">
          <Input />
        </Form.Item>
        <Form.Item label="住址" name="address">
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
