/** 选民登记: import, the list (search, paging), add one voter, publish the list, missing-voter explanations. */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Input, Select, Table } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { communityQuery } from '../../api/queries';
import { useSession } from '../../api/use-session';
import { FeedbackPanel } from '../../components/feedback-panel';
import { Page } from '../../components/page';
import { formatDate } from '../../components/dates';
import { ImportPanel } from './import-panel';
import { AddVoterModal, EditVoterModal } from './voter-form';
import { PublishVoterList } from './publish-button';
import { MissingVoters } from './missing-voters';
import { Objections } from './objections';
import { RESIDENCY_TEXT, SOURCE_TEXT, votersQuery, type Voter, type VoterSearch } from './queries';

export function VotersPage() {
  const communityId = useSession()?.scopeId ?? '';
  const community = useQuery({ ...communityQuery(communityId), enabled: Boolean(communityId) });
  const [search, setSearch] = useState<VoterSearch>({ page: 1, pageSize: 20, q: '' });
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Voter | null>(null);
  const voters = useQuery({ ...votersQuery(communityId, search), enabled: Boolean(communityId) });
  // Whether there is anything to publish is the whole register's count, whatever the list is searched or filtered by.
  const registered = useQuery({ ...votersQuery(communityId, { page: 1, pageSize: 1, q: '' }), enabled: Boolean(communityId) });

  return (
    <Page
      title="选民登记"
      extra={
        <Button icon={<UserAddOutlined />} onClick={() => setAdding(true)}>
          添加选民
        </Button>
      }
    >
      <ImportPanel communityId={communityId} />
      <Card title="选民名单" style={{ marginBottom: 16 }} extra={<PublishVoterList communityId={communityId} voters={registered.data?.total ?? 0} electionDay={community.data?.electionDay} />}>
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            placeholder="姓名或身份证号后几位"
            aria-label="按姓名或身份证号后几位查找"
            style={{ width: 280 }}
            enterButton="查找"
            onSearch={(q) => setSearch((s) => ({ ...s, q: q.trim(), page: 1 }))}
          />
          <Select
            allowClear
            aria-label="按居民小组筛选"
            placeholder="全部居民小组"
            style={{ width: 180 }}
            value={search.groupId}
            onChange={(groupId?: VoterSearch['groupId']) => setSearch((s) => ({ ...s, groupId, page: 1 }))}
            options={[...(community.data?.groups ?? []).map((g) => ({ value: g.id, label: g.name })), { value: 'none', label: '未分小组' }]}
          />
          <Select
            allowClear
            aria-label="按户籍或居住筛选"
            placeholder="户籍和居住"
            style={{ width: 160 }}
            value={search.residency}
            onChange={(residency?: VoterSearch['residency']) => setSearch((s) => ({ ...s, residency, page: 1 }))}
            options={Object.entries(RESIDENCY_TEXT).map(([value, label]) => ({ value, label }))}
          />
        </Flex>
        <FeedbackPanel error={voters.error} />
        <Table<Voter>
          size="small"
          rowKey="id"
          loading={voters.isFetching}
          dataSource={voters.data?.items ?? []}
          scroll={{ x: 1080 }}
          pagination={{
            current: search.page,
            pageSize: search.pageSize,
            total: voters.data?.total ?? 0,
            showTotal: (total) => `共 ${total} 人`,
            showSizeChanger: true,
            onChange: (page, pageSize) => setSearch((s) => ({ ...s, page, pageSize })),
          }}
          columns={[
            { title: '姓名', dataIndex: 'name', width: 100 },
            { title: '身份证号码', dataIndex: 'idNumber', width: 180 },
            { title: '性别', dataIndex: 'sex', width: 60, render: (sex: Voter['sex']) => (sex === 'male' ? '男' : '女') },
            { title: '出生日期', dataIndex: 'birthDate', width: 130, render: (date: string) => formatDate(date) },
            { title: '居民小组', dataIndex: 'groupName', width: 120, render: (name: string | null) => name ?? '—' },
            { title: '户籍/居住', dataIndex: 'residency', width: 100, render: (r: Voter['residency']) => RESIDENCY_TEXT[r] },
            { title: '住址', dataIndex: 'address', width: 200, ellipsis: true, render: (a: string | null) => a ?? '—' },
            { title: '登记方式', dataIndex: 'source', width: 100, render: (s: Voter['source']) => SOURCE_TEXT[s] },
            {
              title: '操作',
              key: 'edit',
              width: 80,
              render: (_: unknown, v: Voter) => (
                <Button size="small" aria-label={`更正 ${v.name}`} onClick={() => setEditing(v)}>
                  更正
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Objections communityId={communityId} />
      <MissingVoters communityId={communityId} />
      <AddVoterModal communityId={communityId} groups={community.data?.groups ?? []} open={adding} onClose={() => setAdding(false)} />
      <EditVoterModal communityId={communityId} voter={editing} groups={community.data?.groups ?? []} onClose={() => setEditing(null)} />
    </Page>
  );
}
