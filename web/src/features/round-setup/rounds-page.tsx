/**
 * 换届轮次: the street's rounds, each opening its control room, report, communities and users. The list is
 * `GET /rounds` once the server offers it; until then the rounds this browser created or opened.
 */
import { useQuery } from '@tanstack/react-query';
import { Button, Empty, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { authorizedFetch, ApiError } from '../../api/client';
import { keys } from '../../api/queries';
import { FeedbackPanel } from '../../components/feedback-panel';
import { Page } from '../../components/page';
import { rememberedRounds, type RoundRef } from './remembered';

async function listRounds(): Promise<RoundRef[]> {
  try {
    const response = await authorizedFetch('/api/v1/rounds?pageSize=100');
    const body = (await response.json()) as { items?: RoundRef[] };
    return body.items ?? [];
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 405)) return rememberedRounds();
    throw error;
  }
}

export function RoundsPage() {
  const rounds = useQuery({ queryKey: [...keys.all, 'rounds'], queryFn: listRounds });
  return (
    <Page
      title="换届轮次"
      extra={
        <Link to="/round-setup">
          <Button type="primary" icon={<PlusOutlined />}>
            新建换届
          </Button>
        </Link>
      }
    >
      <FeedbackPanel error={rounds.error} />
      <Table
        rowKey="id"
        loading={rounds.isLoading}
        dataSource={rounds.data ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description="还没有换届轮次，请先新建" /> }}
        columns={[
          { title: '名称', dataIndex: 'name' },
          {
            title: '办理',
            key: 'actions',
            render: (_: unknown, r: RoundRef) => (
              <Space wrap>
                <Link to={`/control-room/${r.id}`}>工作进度</Link>
                <Link to={`/round-setup/${r.id}`}>社区设置</Link>
                <Link to={`/users/${r.id}`}>账户管理</Link>
                <Link to={`/round-report/${r.id}`}>换届工作报告</Link>
                <Link to={`/vetting/${r.id}`}>资格联审</Link>
                <Link to={`/statistics/${r.id}`}>情况统计表</Link>
              </Space>
            ),
          },
        ]}
      />
    </Page>
  );
}
