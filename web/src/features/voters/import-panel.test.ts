import { describe, expect, it } from 'vitest';
import { importSummary, rowLabel } from './import-panel';

describe('rowLabel', () => {
  it.each([
    [{ row: 5 }, '第5行'],
    [{ row: 7, toRow: 9 }, '第7–9行'],
    [{ row: 3, toRow: 3 }, '第3行'],
  ])('%o → %s', (entry, text) => expect(rowLabel(entry)).toBe(text));
});

describe('importSummary', () => {
  const base = { accepted: 8, rejected: [], rejectedRows: 2, duplicates: 0, total: 10, mode: 'partial' as const, committed: true };
  it('says what was imported and what was refused', () => {
    expect(importSummary(base)).toBe('共10行，导入8人，有误2行');
  });
  it('says nothing was imported when all-or-nothing met a bad row', () => {
    expect(importSummary({ ...base, accepted: 0, committed: false, mode: 'all' })).toBe('共10行，本次未导入任何人，有误2行');
  });
  it('counts people already registered', () => {
    expect(importSummary({ ...base, duplicates: 3, rejectedRows: 0 })).toBe('共10行，导入8人，已登记过的3人未重复登记');
  });
});
