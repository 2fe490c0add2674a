import { describe, expect, it } from 'vitest';
import { detailsText } from './check-status';

describe('detailsText', () => {
  it.each([
    [{ total: 12, min: 40, max: 60 }, '现有 12，最少 40，最多 60'],
    [{ residents: 30, total: 40, required: '2/3' }, '居民代表 30，现有 40，要求 2/3'],
    [{ deadline: '2026-12-06' }, '最迟 2026年12月6日'],
    [{ messageZh: '第一居民小组只有1名代表' }, '第一居民小组只有1名代表'],
    [null, ''],
  ])('%o → %s', (details, text) => expect(detailsText(details)).toBe(text));
});
