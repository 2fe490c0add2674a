/**
 * A count field for tally sheets: a numeric text input (never Ant Design's InputNumber, whose ↑/↓ change the value),
 * digits only with full-width digits accepted, a bad paste refused with a message. The keys ↑/↓/Enter are left to
 * the form, which moves the focus between fields.
 */
import { forwardRef, type KeyboardEvent } from 'react';
import { Input, type InputRef } from 'antd';
import { normaliseCount } from './count-text';

export interface CountInputProps {
  readonly id: string;
  readonly value: string;
  readonly onChange: (text: string) => void;
  /** Called with a Chinese message when typed or pasted text is refused. */
  readonly onRefused: (message: string) => void;
  readonly onKeyDown?: (event: KeyboardEvent<HTMLInputElement>) => void;
  readonly status?: 'error' | 'warning' | undefined;
  readonly describedBy?: string | undefined;
  readonly label?: string;
}

export const CountInput = forwardRef<InputRef, CountInputProps>(function CountInput(props, ref) {
  const { id, value, onChange, onRefused, onKeyDown, status, describedBy, label } = props;
  return (
    <Input
      ref={ref}
      id={id}
      value={value}
      inputMode="numeric"
      autoComplete="off"
      aria-invalid={status === 'error' ? true : undefined}
      aria-describedby={describedBy}
      {...(label ? { 'aria-label': label } : {})}
      status={status}
      style={{ width: 140, fontSize: 18, textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}
      onKeyDown={onKeyDown}
      onPaste={(event) => {
        const pasted = event.clipboardData.getData('text');
        if (!normaliseCount(pasted).ok) {
          event.preventDefault();
          onRefused(`粘贴的内容“${pasted.slice(0, 20)}”不是数字，已拒绝`);
        }
      }}
      onChange={(event) => {
        const parsed = normaliseCount(event.target.value);
        if (parsed.ok) onChange(parsed.text);
        else onRefused('此处只能输入数字');
      }}
    />
  );
});
