/** The page of a list: `page` from 1, `pageSize` rows; `total` counts every row that matched the filters. */
export interface PageInput {
  readonly page: number;
  readonly pageSize: number;
}

export interface Page<T> {
  readonly items: T[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

export const offsetOf = (input: PageInput): number => (input.page - 1) * input.pageSize;

/** One page of a list already read whole (small lists: a community's groups, a meeting's staff…). */
export function pageOf<T>(rows: readonly T[], input: PageInput): Page<T> {
  const start = offsetOf(input);
  return { items: rows.slice(start, start + input.pageSize), total: rows.length, page: input.page, pageSize: input.pageSize };
}

/** The rows whose name contains `q` (case-insensitive); all of them when `q` is empty. */
export function matchingName<T>(rows: readonly T[], q: string | undefined, nameOf: (row: T) => string): readonly T[] {
  const needle = q?.trim().toLowerCase();
  if (!needle) return rows;
  return rows.filter((row) => nameOf(row).toLowerCase().includes(needle));
}

/** `%q%` for ilike, with the pattern characters escaped. */
export const likePattern = (q: string): string => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
