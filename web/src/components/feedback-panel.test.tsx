import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError } from '../api/client';
import { rulesQuery } from '../api/queries';
import { FeedbackPanel, justificationsAsked } from './feedback-panel';

afterEach(cleanup);
// jsdom has no ResizeObserver (antd's text area watches its size).
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

function renderPanel(error: unknown, onJustify?: (j: { rule: string; text: string }[]) => void) {
  const client = new QueryClient();
  client.setQueryData(rulesQuery().queryKey, new Map([['CAN-AGE-EDU', '候选人年龄与文化程度']]));
  return render(
    <QueryClientProvider client={client}>
      <FeedbackPanel error={error} {...(onJustify ? { onJustify } : {})} />
    </QueryClientProvider>,
  );
}

const soft = new ApiError(422, {
  code: 'JUSTIFICATION_REQUIRED',
  rule: 'CAN-AGE-EDU',
  message: 'soft',
  messageZh: '社区党组织负责人原则上应在40周岁以下，实际为52周岁。此项为一般性规定（CAN-AGE-EDU），如确需例外，请说明理由',
  details: { justificationRequired: ['CAN-AGE-EDU'] },
});

describe('FeedbackPanel', () => {
  it('asks the reason for a soft rule and sends the same action again with it', () => {
    const onJustify = vi.fn();
    renderPanel(soft, onJustify);
    expect(screen.getByText('此项为一般性规定，如确需例外，请说明理由')).toBeTruthy();
    expect(screen.getByText('依据：候选人年龄与文化程度（CAN-AGE-EDU）')).toBeTruthy();
    const go = screen.getByRole('button', { name: '说明理由后继续' }) as HTMLButtonElement;
    expect(go.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('例外理由（CAN-AGE-EDU，记入操作日志）'), { target: { value: '  经街道党工委研究同意  ' } });
    fireEvent.click(go);
    expect(onJustify).toHaveBeenCalledWith([{ rule: 'CAN-AGE-EDU', text: '经街道党工委研究同意' }]);
  });

  it('shows a soft refusal as an error where the screen cannot send a reason, and a hard one always', () => {
    renderPanel(soft);
    expect(screen.queryByRole('button', { name: '说明理由后继续' })).toBeNull();
    cleanup();
    const hard = new ApiError(422, { code: 'RULE_VIOLATION', rule: 'CAN-AGE-EDU', message: 'hard', messageZh: '年龄超过规定' });
    renderPanel(hard, vi.fn());
    expect(screen.getByText('操作未成功')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '说明理由后继续' })).toBeNull();
    expect(justificationsAsked(hard)).toEqual([]);
    expect(justificationsAsked(soft)).toEqual(['CAN-AGE-EDU']);
  });
});
