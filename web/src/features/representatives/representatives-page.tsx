/**
 * 居民小组/驻区单位 and 居民代表: groups and units; representatives picked from the voter list (or sent by a unit),
 * with the REP rules (40–60 in all, residents at least 2/3, per group, per unit) checked live as the list grows.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Flex, Form, Input, InputNumber, List, Popconfirm, Row, Select, Table, Typography } from 'antd';
import { api, unwrap } from '../../api/client';
import { communityChecksQuery, communityQuery, keys } from '../../api/queries';
import { useSession } from '../../api/use-session';
import { FeedbackPanel } from '../../components/feedback-panel';
import { Page } from '../../components/page';
import { CheckDetails, StatusTag } from '../../components/check-status';
import { VoterPicker } from '../../components/voter-picker';

const REP_RULES = ['REP-COUNT', 'REP-RESIDENT-SHARE', 'REP-PER-GROUP', 'REP-PER-UNIT', 'REP-IS-VOTER'];

function useCommunityId(): string {
  return useSession()?.scopeId ?? '';
}

function RepresentativeChecks({ communityId }: { readonly communityId: string }) {
  const check = useQuery({
    queryKey: [...keys.community(communityId), 'representatives', 'check'],
    queryFn: () => unwrap(api.GET('/api/v1/communities/{id}/representatives/check', { params: { path: { id: communityId } } })),
    enabled: Boolean(communityId),
  });
  const titles = useQuery({ ...communityChecksQuery(communityId), enabled: Boolean(communityId) });
  const titleOf = (rule: string) => titles.data?.find((c) => c.rule === rule)?.titleZh ?? rule;
  return (
    <Card title="代表构成检查" size="small" style={{ marginBottom: 16 }}>
      <FeedbackPanel error={check.error} />
      <List
        size="small"
        dataSource={(check.data ?? []).filter((c) => REP_RULES.includes(c.rule) || c.rule.startsWith('REP-'))}
        renderItem={(c) => (
          <List.Item data-rule={c.rule}>
            <Flex vertical gap={2}>
              <span>
                <StatusTag status={c.status} /> {titleOf(c.rule)}（{c.rule}）
              </span>
              <CheckDetails details={c.details} />
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

function GroupsAndUnits({ communityId }: { readonly communityId: string }) {
  const queryClient = useQueryClient();
  const community = useQuery({ ...communityQuery(communityId), enabled: Boolean(communityId) });
  const [groupForm] = Form.useForm<{ name: string; households?: number }>();
  const [unitForm] = Form.useForm<{ name: string }>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.community(communityId) });
  const addGroup = useMutation({
    mutationFn: (body: { name: string; households?: number }) => unwrap(api.POST('/api/v1/communities/{id}/groups', { params: { path: { id: communityId } }, body })),
    onSuccess: () => {
      groupForm.resetFields();
      return refresh();
    },
  });
  const addUnit = useMutation({
    mutationFn: (body: { name: string }) => unwrap(api.POST('/api/v1/communities/{id}/units', { params: { path: { id: communityId } }, body })),
    onSuccess: () => {
      unitForm.resetFields();
      return refresh();
    },
  });
  return (
    <Row gutter={16}>
      <Col xs={24} lg={12}>
        <Card title="居民小组" size="small" style={{ marginBottom: 16 }}>
          <FeedbackPanel error={addGroup.error} title="未能添加居民小组" />
          <Form form={groupForm} layout="inline" onFinish={(v) => addGroup.mutate(v)} style={{ marginBottom: 8 }}>
            <Form.Item name="name" label="小组名称" rules={[{ required: true, message: '请输入小组名称' }]}>
              <Input style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="households" label="户数">
              <InputNumber min={0} style={{ width: 90 }} />
            </Form.Item>
            <Button htmlType="submit" loading={addGroup.isPending}>添加</Button>
          </Form>
          <List size="small" dataSource={community.data?.groups ?? []} renderItem={(g) => <List.Item>{g.name}（{g.households}户）</List.Item>} />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title="驻区单位" size="small" style={{ marginBottom: 16 }}>
          <FeedbackPanel error={addUnit.error} title="未能添加驻区单位" />
          <Form form={unitForm} layout="inline" onFinish={(v) => addUnit.mutate(v)} style={{ marginBottom: 8 }}>
            <Form.Item name="name" label="单位名称" rules={[{ required: true, message: '请输入单位名称' }]}>
              <Input style={{ width: 200 }} />
            </Form.Item>
            <Button htmlType="submit" loading={addUnit.isPending}>添加</Button>
          </Form>
          <List size="small" dataSource={community.data?.units ?? []} renderItem={(u) => <List.Item>{u.name}</List.Item>} />
        </Card>
      </Col>
    </Row>
  );
}

interface RepForm {
  readonly voterId?: string;
  readonly groupId?: string;
  readonly unitId?: string;
  readonly name?: string;
}

export function RepresentativesPage() {
  const communityId = useCommunityId();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const community = useQuery({ ...communityQuery(communityId), enabled: Boolean(communityId) });
  const reps = useQuery({
    queryKey: [...keys.community(communityId), 'representatives'],
    queryFn: () => unwrap(api.GET('/api/v1/communities/{id}/representatives', { params: { path: { id: communityId }, query: { pageSize: 500 } } })),
    enabled: Boolean(communityId),
  });
  const [kind, setKind] = useState<'resident' | 'unit'>('resident');
  const [form] = Form.useForm<RepForm>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.community(communityId) });
  const add = useMutation({
    mutationFn: (body: RepForm) => unwrap(api.POST('/api/v1/communities/{id}/representatives', { params: { path: { id: communityId } }, body })),
    onSuccess: (rep) => {
      void message.success(`已添加代表 ${rep.name}`);
      form.resetFields(['voterId', 'name']);
      return refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/representatives/{id}', { params: { path: { id } }, body: { reason: '选举委员会调整代表名单' } })),
    onSuccess: refresh,
  });
  const groupName = (id: string | null) => community.data?.groups.find((g) => g.id === id)?.name ?? '—';

  return (
    <Page title="居民代表">
      <GroupsAndUnits communityId={communityId} />
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card title={`居民代表名单（${reps.data?.total ?? 0}人）`} size="small" style={{ marginBottom: 16 }}>
            <FeedbackPanel error={add.error ?? remove.error} title="代表名单未改动" />
            <Flex gap={8} style={{ marginBottom: 8 }}>
              <Select
                aria-label="代表类别"
                value={kind}
                onChange={setKind}
                options={[
                  { value: 'resident', label: '居民代表（从选民中选）' },
                  { value: 'unit', label: '驻区单位代表' },
                ]}
              />
            </Flex>
            <Form form={form} layout="inline" onFinish={(v) => add.mutate(v)} style={{ marginBottom: 12, rowGap: 8 }}>
              {kind === 'resident' ? (
                <>
                  <Form.Item name="voterId" label="选民" rules={[{ required: true, message: '请选择选民' }]}>
                    <VoterPicker communityId={communityId} />
                  </Form.Item>
                  <Form.Item name="groupId" label="居民小组">
                    <Select allowClear style={{ width: 150 }} options={(community.data?.groups ?? []).map((g) => ({ value: g.id, label: g.name }))} />
                  </Form.Item>
                </>
              ) : (
                <>
                  <Form.Item name="unitId" label="单位" rules={[{ required: true, message: '请选择单位' }]}>
                    <Select style={{ width: 180 }} options={(community.data?.units ?? []).map((u) => ({ value: u.id, label: u.name }))} />
                  </Form.Item>
                  <Form.Item name="name" label="代表姓名" rules={[{ required: true, message: '请输入姓名' }]}>
                    <Input style={{ width: 120 }} />
                  </Form.Item>
                </>
              )}
              <Button type="primary" htmlType="submit" loading={add.isPending}>
                添加代表
              </Button>
            </Form>
            <Table
              size="small"
              rowKey="id"
              dataSource={reps.data?.items ?? []}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[
                { title: '姓名', dataIndex: 'name' },
                { title: '类别', dataIndex: 'kind', render: (k: string) => (k === 'unit' ? '驻区单位' : '居民') },
                { title: '居民小组', dataIndex: 'groupId', render: groupName },
                {
                  title: '操作',
                  key: 'remove',
                  render: (_, rep) => (
                    <Popconfirm title={`将${rep.name}移出代表名单？`} okText="移出" cancelText="取消" onConfirm={() => remove.mutate(rep.id)}>
                      <Button size="small" danger>移出</Button>
                    </Popconfirm>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <RepresentativeChecks communityId={communityId} />
        </Col>
      </Row>
    </Page>
  );
}
