/** 备案情况 (the committee): its filings with the bureau's return reason, and filing again once corrected. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Space, Tag } from 'antd';
import { api, unwrap } from '../../api/client';
import { keys } from '../../api/queries';
import { useSession } from '../../api/use-session';
import { FeedbackPanel } from '../../components/feedback-panel';
import { Page } from '../../components/page';
import { STATUS_COLOR, STATUS_ZH } from './queue-page';

export function MyFilingPage() {
  const session = useSession();
  const communityId = session?.scopeId ?? '';
  const queryClient = useQueryClient();
  const filings = useQuery({
    queryKey: [...keys.community(communityId), 'filings'],
    enabled: Boolean(communityId),
    queryFn: () => unwrap(api.GET('/api/v1/communities/{id}/filings', { params: { path: { id: communityId } } })),
  });
  const file = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/communities/{id}/filing', { params: { path: { id: communityId } }, body: { kind: 'rc' } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keys.community(communityId) }),
  });
  const latest = filings.data?.items.find((f) => f.kind === 'rc');
  return (
    <Page
      title="备案情况"
      extra={
        !latest || latest.queueStatus === 'returned' ? (
          <Button type="primary" loading={file.isPending} onClick={() => file.mutate()}>
            {latest ? '改正后重新提交备案' : '提交备案'}
          </Button>
        ) : null
      }
    >
      <FeedbackPanel error={filings.error ?? file.error} title={file.error ? '备案未能提交' : undefined} />
      {latest ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Card size="small" title="居民委员会选举结果备案">
            状态：<Tag color={STATUS_COLOR[latest.queueStatus]}>{STATUS_ZH[latest.queueStatus]}</Tag>
            提交时间：{new Date(latest.submittedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}
          </Card>
          {latest.lastReturn ? (
            <Alert
              type={latest.queueStatus === 'returned' ? 'warning' : 'info'}
              showIcon
              title={latest.queueStatus === 'returned' ? '区民政局退回了备案，请按理由改正后重新提交' : '此前曾被退回'}
              description={`退回理由：${latest.lastReturn.reason}`}
            />
          ) : null}
        </Space>
      ) : (
        <Empty description="尚未提交备案" />
      )}
    </Page>
  );
}
