import { describe, expect, it } from 'vitest';
import { detailsText } from './check-status';

describe('detailsText', () => {
  it.each([
    [{ total: 12, min: 40, max: 60 }, '现有 12，最少 40，最多 60'],
    [{ residents: 30, total: 40, required: '2/3' }, '居民代表 30，现有 40，要求 2/3'],
    [{ deadline: '2026-12-06' }, '最迟 2026年12月6日'],
    [{ messageZh: '第一居民小组只有1名代表' }, '第一居民小组只有1名代表'],
    [null, ''],
    [{ total: 38, violations: [{ code: 'REP-COUNT', rule: 'REP-COUNT', severity: 'soft', message: 'There are 38', messageZh: '居民代表共38名，一般应为40至60名' }] }, '现有 38，居民代表共38名，一般应为40至60名'],
    [{ residents: 38, violations: [] }, '居民代表 38'],
    [{ violations: ['甲', '乙', '丙', '丁'].map((n) => ({ messageZh: `${n}未归属任何居民小组` })) }, '甲未归属任何居民小组；乙未归属任何居民小组；丙未归属任何居民小组；等共4条'],
    [{ basis: 'group', groups: 0 }, '依据 按居民小组，居民小组数 0'],
  ])('%o → %s', (details, text) => expect(detailsText(details)).toBe(text));
});
