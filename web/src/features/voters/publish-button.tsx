/**
 * 发布选民名单: says why it cannot be pressed yet (no voter), and before the click what the rule asks (the list
 * goes up at least N days before the election day); a refusal shows the server's message and the rule.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Popconfirm, Typography } from 'antd';
import { api, unwrap } from '../../api/client';
import { keys, timelineQuery } from '../../api/queries';
import { FeedbackPanel, type Justification } from '../../components/feedback-panel';
import { formatDate } from '../../components/dates';

export function PublishVoterList(props: { readonly communityId: string; readonly voters: number; readonly electionDay: string | undefined }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const publish = useMutation({
    mutationFn: (justifications?: Justification[]) =>
      unwrap(api.POST('/api/v1/communities/{id}/voter-list/publish', { params: { path: { id: props.communityId } }, body: justifications ? { justifications } : {} })),
    onSuccess: (list) => {
      void message.success(`选民名单已公布（第${list.noticeNo}号公告，${list.voters}人），异议受理至${formatDate(list.objectionsUntil)}`);
      return queryClient.invalidateQueries({ queryKey: keys.community(props.communityId) });
    },
  });
  // The due date is the server's (VOT-LIST-PUBLISH under the round's profile), never a number typed here.
  const timeline = useQuery(timelineQuery(props.communityId));
  const dueBy = timeline.data?.steps.find((s) => s.step === 'voter-list')?.dueBy ?? null;
  const disabledReason = props.voters === 0 ? '尚未登记任何选民，不能公布名单' : undefined;

  return (
    <Flex vertical gap={4} style={{ maxWidth: 520 }}>
      <Popconfirm
        title="公布选民名单"
        description={`选民名单${dueBy ? `最迟应于${formatDate(dueBy)}` : '应在选举日前'}张榜公布（选举日${formatDate(props.electionDay)}）；公布后进入异议期。确定以今天为公布日吗？`}
        okText="公布"
        cancelText="取消"
        onConfirm={() => publish.mutate()}
        disabled={Boolean(disabledReason)}
      >
        <Button type="primary" disabled={Boolean(disabledReason)} loading={publish.isPending} aria-describedby={disabledReason ? 'publish-reason' : undefined}>
          发布选民名单
        </Button>
      </Popconfirm>
      {disabledReason ? (
        <Typography.Text type="secondary" id="publish-reason">
          {disabledReason}
        </Typography.Text>
      ) : null}
      {publish.data ? (
        <Typography.Text role="status">
          已于{formatDate(publish.data.publishedOn)}公布（第{publish.data.noticeNo}号公告），异议受理至{formatDate(publish.data.objectionsUntil)}
        </Typography.Text>
      ) : null}
      <FeedbackPanel error={publish.error} title="选民名单未公布" onJustify={(j) => publish.mutate(j)} pending={publish.isPending} />
    </Flex>
  );
}
