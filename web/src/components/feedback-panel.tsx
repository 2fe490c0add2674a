/**
 * The one way a refused action is shown: the API's Chinese message and, for a rule, its code and title. A soft rule
 * (一般/原则上, 422 JUSTIFICATION_REQUIRED) is not a dead end: where the screen passes `onJustify`, the clerk writes the
 * reason for the exception and the same action is sent again with it (the server records it in the audit log).
 */
import { useState } from 'react';
import { Alert, Button, Flex, Input } from 'antd';
import { ApiError } from '../api/client';
import { useApiError } from '../api/use-api-error';

export interface Justification {
  readonly rule: string;
  readonly text: string;
}

/** The rules a 422 JUSTIFICATION_REQUIRED asks a written reason for, or none. */
export function justificationsAsked(error: unknown): string[] {
  if (!(error instanceof ApiError) || error.code !== 'JUSTIFICATION_REQUIRED') return [];
  const asked = (error.details as { justificationRequired?: unknown } | undefined)?.justificationRequired;
  return Array.isArray(asked) ? asked.filter((r): r is string => typeof r === 'string') : error.rule ? [error.rule] : [];
}

export function FeedbackPanel({
  error,
  title,
  onJustify,
  pending,
}: {
  readonly error: unknown;
  readonly title?: string;
  /** Send the action again with these justifications (only for a soft rule). */
  readonly onJustify?: (justifications: Justification[]) => void;
  readonly pending?: boolean;
}) {
  const view = useApiError(error);
  const [texts, setTexts] = useState<Record<string, string>>({});
  if (!view) return null;
  const rule = view.rule ? `${view.ruleTitle ? `${view.ruleTitle}（${view.rule}）` : `规则 ${view.rule}`}` : undefined;
  const asked = onJustify ? justificationsAsked(error) : [];
  if (asked.length > 0 && onJustify) {
    const complete = asked.every((r) => (texts[r] ?? '').trim().length > 0);
    return (
      <Alert
        type="warning"
        showIcon
        role="alert"
        title="此项为一般性规定，如确需例外，请说明理由"
        description={
          <Flex vertical gap={8}>
            <div>{view.message}</div>
            {rule ? <div>依据：{rule}</div> : null}
            {asked.map((r) => (
              <div key={r}>
                <label htmlFor={`justify-${r}`}>例外理由（{r}，记入操作日志）</label>
                <Input.TextArea id={`justify-${r}`} rows={2} maxLength={500} value={texts[r] ?? ''} onChange={(e) => setTexts((t) => ({ ...t, [r]: e.target.value }))} />
              </div>
            ))}
            <Button
              type="primary"
              disabled={!complete}
              loading={pending}
              onClick={() => onJustify(asked.map((r) => ({ rule: r, text: (texts[r] ?? '').trim() })))}
              style={{ alignSelf: 'flex-start' }}
            >
              说明理由后继续
            </Button>
          </Flex>
        }
        style={{ marginBottom: 16 }}
      />
    );
  }
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
