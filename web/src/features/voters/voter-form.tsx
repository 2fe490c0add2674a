/** 添加选民 and 更正选民信息: one voter by identity number; the dialogs keep what was typed when the server refuses it. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { api, unwrap } from '../../api/client';
import { FeedbackPanel } from '../../components/feedback-panel';
import type { paths } from '../../api/schema';
import { RESIDENCY_TEXT, votersKey, type NewVoter, type Voter } from './queries';

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
      <Form<NewVoter> form={form} name="add-voter" layout="vertical" initialValues={{ residency: 'registered' }} onFinish={(values) => add.mutate(values)}>
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

type VoterPatch = NonNullable<paths['/api/v1/voters/{id}']['patch']['requestBody']>['content']['application/json'];

/**
 * 更正选民信息: name, residency, group, household and address of one registered voter; a mistyped identity number is
 * corrected by typing the whole right number (the server checks it again, with every registration rule).
 */
export function EditVoterModal(props: {
  readonly communityId: string;
  readonly voter: Voter | null;
  readonly groups: ReadonlyArray<{ id: string; name: string }>;
  readonly onClose: () => void;
}) {
  const [form] = Form.useForm<VoterPatch & { idNumber?: string }>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const voter = props.voter;
  const save = useMutation({
    mutationFn: (values: VoterPatch & { idNumber?: string }) => {
      const { idNumber, groupId, ...rest } = values;
      const body: VoterPatch = { ...rest, groupId: groupId ?? null, ...(idNumber?.trim() ? { idNumber: idNumber.trim() } : {}) };
      return unwrap(api.PATCH('/api/v1/voters/{id}', { params: { path: { id: voter!.id } }, body }));
    },
    onSuccess: (updated) => {
      void message.success(`已更正选民 ${updated.name} 的信息`);
      save.reset();
      props.onClose();
      return queryClient.invalidateQueries({ queryKey: votersKey(props.communityId) });
    },
  });
  return (
    <Modal
      title="更正选民信息"
      open={voter !== null}
      okText="保存更正"
      cancelText="取消"
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      onCancel={() => {
        save.reset();
        props.onClose();
      }}
      destroyOnHidden
    >
      {voter ? (
        <>
          <FeedbackPanel error={save.error} title="未能更正" />
          <Form
            form={form}
            name="edit-voter"
            layout="vertical"
            preserve={false}
            initialValues={{ name: voter.name, residency: voter.residency, groupId: voter.groupId ?? undefined, householdNo: voter.householdNo ?? '', address: voter.address ?? '' }}
            onFinish={(values) => save.mutate(values)}
          >
            <Form.Item label={`身份证号码（现为 ${voter.idNumber}；如有误请填写完整的正确号码）`} name="idNumber">
              <Input autoComplete="off" maxLength={18} placeholder="不更正则不填" />
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
        </>
      ) : null}
    </Modal>
  );
}
