/** 首页 of the community election committee: the community, its round's phases. */
import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Skeleton } from 'antd';
import { communityQuery } from '../../api/queries';
import { FeedbackPanel } from '../../components/feedback-panel';
import { Page } from '../../components/page';
import { formatDate } from '../../components/dates';
import { useSession } from '../../api/use-session';

export function CommitteeHome() {
  const session = useSession();
  const community = useQuery({ ...communityQuery(session?.scopeId ?? ''), enabled: Boolean(session?.scopeId) });
  return (
    <Page title="首页">
      <FeedbackPanel error={community.error} />
      <Card title={community.data?.name ?? '本社区'}>
        {community.data ? (
          <Descriptions column={1} size="small">
            <Descriptions.Item label="选举日">{formatDate(community.data.electionDay)}</Descriptions.Item>
          </Descriptions>
        ) : (
          <Skeleton active />
        )}
      </Card>
    </Page>
  );
}
