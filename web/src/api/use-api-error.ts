/**
 * One place that turns anything thrown by a query or mutation into what a clerk reads: the Chinese message and, for a
 * rule breach (422), the rule's code and title.
 */
import { useQuery } from '@tanstack/react-query';
import { ApiError } from './client';
import { ERROR_TEXT } from './error-text';
import { rulesQuery } from './queries';

export interface ErrorView {
  readonly message: string;
  readonly rule?: string;
  readonly ruleTitle?: string;
  readonly code: string;
}

export function describeError(error: unknown, ruleTitles: ReadonlyMap<string, string> = new Map()): ErrorView {
  if (error instanceof ApiError) {
    const view: ErrorView = { message: error.messageZh, code: error.code };
    if (!error.rule) return view;
    const title = ruleTitles.get(error.rule);
    return title ? { ...view, rule: error.rule, ruleTitle: title } : { ...view, rule: error.rule };
  }
  return { message: ERROR_TEXT.INTERNAL!, code: 'INTERNAL' };
}

/** `describeError` with the rule titles of the registry (fetched once and cached). */
export function useApiError(error: unknown): ErrorView | null {
  const rule = error instanceof ApiError ? error.rule : undefined;
  const rules = useQuery({ ...rulesQuery(), enabled: Boolean(rule) });
  if (!error) return null;
  return describeError(error, rules.data ?? new Map());
}
