/**
 * The meeting desk's live view of the quorum (MTG-QUORUM-RC, MTG-QUORUM-PARTY): expected and present, the domain's
 * yes or no, and the rule in words with the profile's fraction. Nothing here decides; `quorumOf` asks the domain.
 */
import type { Db } from '../db/client.js';
import { formatFractionZh } from '../domain/profile.js';
import { RULE_TITLES } from '../domain/violations.js';
import { loadMeetingContext, quorumOf } from './meetings.js';
import { describeAll } from './rules.js';

const BASE_ZH = { representatives: '居民代表', voters: '登记选民', households: '户', 'party-members': '有选举权的党员' } as const;

export async function meetingQuorum(db: Db, meetingId: string) {
  const ctx = await loadMeetingContext(db, meetingId);
  const { meeting, profile } = ctx;
  const quorum = quorumOf(ctx);
  const rule = meeting.kind === 'party' ? 'MTG-QUORUM-PARTY' : 'MTG-QUORUM-RC';
  const fraction = formatFractionZh(meeting.kind === 'party' ? profile.partyQuorum : profile.rcQuorum);
  const baseZh = BASE_ZH[meeting.base];
  return {
    meetingId: meeting.id,
    kind: meeting.kind,
    base: meeting.base,
    baseZh,
    expected: meeting.expected,
    present: meeting.present ?? 0,
    recorded: meeting.present !== null,
    quorate: meeting.present !== null && quorum.ok,
    rule,
    ruleTitleZh: RULE_TITLES[rule].titleZh,
    ruleZh:
      meeting.kind === 'party'
        ? `有选举权的到会党员须超过应到会人数的${fraction}，选举方为有效`
        : `${baseZh}须超过应到人数的${fraction}参加，选举方为有效`,
    messageZh: quorum.ok ? null : describeAll(quorum.violations)[0]!.messageZh,
  };
}
