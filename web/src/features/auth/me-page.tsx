/** 我的账户: who and where I am, and the way to change the password. */
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Skeleton } from 'antd';
import { useNavigate } from 'react-router';
import { meQuery } from '../../api/queries';
import { FeedbackPanel } from '../../components/feedback-panel';
import { Page } from '../../components/page';
import { ROLE_NAMES } from '../../api/role-names';

const KIND_NAMES: Readonly<Record<string, string>> = {
  district: '区',
  street: '街道',
  round: '换届轮次',
  community: '社区',
  meeting: '选举会议',
};

export function MePage() {
  const me = useQuery(meQuery());
  const navigate = useNavigate();
  return (
    <Page title="我的账户" extra={<Button onClick={() => void navigate('/password')}>修改密码</Button>}>
      <FeedbackPanel error={me.error} />
      <Card>
        {me.data ? (
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label="用户名">{me.data.username}</Descriptions.Item>
            <Descriptions.Item label="角色">
              {ROLE_NAMES[me.data.role]}
              {me.data.chief ? '（总监票人）' : ''}
            </Descriptions.Item>
            {me.data.scope.map((scope) => (
              <Descriptions.Item key={scope.id} label={KIND_NAMES[scope.kind] ?? scope.kind}>
                {scope.name}
              </Descriptions.Item>
            ))}
          </Descriptions>
        ) : (
          <Skeleton active />
        )}
      </Card>
    </Page>
  );
}
