/** The one way a refused action is shown: the API's Chinese message and, for a rule, its code and title. */
import { Alert } from 'antd';
import { useApiError } from '../api/use-api-error';

export function FeedbackPanel({ error, title }: { readonly error: unknown; readonly title?: string }) {
  const view = useApiError(error);
  if (!view) return null;
  const rule = view.rule ? `${view.ruleTitle ? `${view.ruleTitle}（${view.rule}）` : `规则 ${view.rule}`}` : undefined;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title ?? '操作未成功'}
      description={
        <>
          <div>{view.message}</div>
          {rule ? <div>依据：{rule}</div> : null}
        </>
      }
      style={{ marginBottom: 16 }}
    />
  );
}
