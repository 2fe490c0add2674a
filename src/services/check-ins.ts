/**
 * Checking voters in at the meeting desk by the QR code of their voter card (扫码签到, MTG-CHECKIN). A check-in adds
 * one to the meeting's `present`, the attendance figure the quorum (MTG-QUORUM-*) and the tally read; a card checks in
 * once per meeting (409 after that). A card brought by the holder of a registered proxy (委托投票) checks its giver in.
 */
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { checkIns, meetings, proxies, representatives, voters } from '../db/schema.js';
import { appendAudit, type Actor } from '../db/audit.js';
import { errors, AppError } from '../domain/errors.js';
import { maskIdNumber } from '../domain/id-card.js';
import { RULE_ENTRIES } from '../domain/rules/index.js';
import { readCardToken } from './card-tokens.js';
import { assertNotFiled } from './freeze.js';
import { loadMeetingContext, quorumOf } from './meetings.js';
import { offsetOf, type PageInput } from './paging.js';
import { throwViolations } from './rules.js';

/** 张三丰 → 张**: the desk's screen shows who was checked in without spelling out the name to the room. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? name : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

export interface CheckInInput {
  readonly actor: Actor;
  readonly meetingId: string;
  /** What the scanner typed: the token of the voter card's QR code. */
  readonly token: string;
  /** The card is brought by the proxy holder of its voter (checked against the proxy register). */
  readonly proxy?: boolean | undefined;
}

export async function checkIn(db: Db, input: CheckInInput) {
  const voterId = readCardToken(input.token);
  if (voterId === null) {
    throw new AppError({ status: 400, code: 'CARD_UNREADABLE', message: 'Not the QR code of a voter card of this system', messageZh: '无法识别的二维码：不是本系统印制的选民证，或选民证已损坏' });
  }
  return db.transaction(async (tx) => {
    const ctx = await loadMeetingContext(tx, input.meetingId);
    await assertNotFiled(tx, { communityId: ctx.community.id, kind: ctx.meeting.kind, purpose: ctx.meeting.purpose, area: 'attendance' });
    // Serialises the check-ins of one meeting: `present` is read and written under the lock.
    await tx.execute(sql`select id from meetings where id = ${ctx.meeting.id} for update`);
    const [voter] = await tx
      .select({ id: voters.id, name: voters.name, communityId: voters.communityId, idNumber: voters.idNumber })
      .from(voters)
      .where(eq(voters.id, voterId));
    if (!voter) throw errors.notFound('Voter of this card', '选民证对应的选民（可能已从选民名单中删除）');
    const sameCommunity = voter.communityId === ctx.community.id;
    const representative =
      sameCommunity && ctx.meeting.base === 'representatives'
        ? (await tx.select({ id: representatives.id }).from(representatives).where(and(eq(representatives.communityId, ctx.community.id), eq(representatives.voterId, voter.id)))).length > 0
        : false;
    let proxy: { registeredHolder: string | null; holderCheckedIn: boolean } | null = null;
    let holderId: string | null = null;
    if (input.proxy) {
      const [registered] = await tx
        .select({ holderId: proxies.holderVoterId, holderName: voters.name })
        .from(proxies)
        .innerJoin(voters, eq(voters.id, proxies.holderVoterId))
        .where(and(eq(proxies.meetingId, ctx.meeting.id), eq(proxies.giverVoterId, voter.id), eq(proxies.approved, true)));
      holderId = registered?.holderId ?? null;
      const holderIn = registered
        ? (await tx.select({ id: checkIns.id }).from(checkIns).where(and(eq(checkIns.meetingId, ctx.meeting.id), eq(checkIns.voterId, registered.holderId)))).length > 0
        : false;
      proxy = { registeredHolder: registered ? registered.holderName : null, holderCheckedIn: holderIn };
    }
    const outcome = RULE_ENTRIES.MTG_CHECKIN.evaluate(
      // A card of another community: its holder is not named to this desk (masked, as on the desk's screen).
      { base: ctx.meeting.base, name: sameCommunity ? voter.name : maskName(voter.name), sameCommunity, representative, proxy },
      ctx.profile,
    );
    if (outcome.status === 'breach' && outcome.severity === 'hard') {
      throwViolations(outcome.violations.filter((v) => v.severity === 'hard').map((v) => ({ rule: v.rule, severity: v.severity, params: v.details })));
    }
    const [already] = await tx
      .select({ at: checkIns.createdAt })
      .from(checkIns)
      .where(and(eq(checkIns.meetingId, ctx.meeting.id), eq(checkIns.voterId, voter.id)));
    if (already) {
      throw errors.conflict('ALREADY_CHECKED_IN', 'This voter card has already been checked in at this meeting', `${maskName(voter.name)}已经签到，不能重复签到`, {
        checkedInAt: already.at.toISOString(),
      });
    }
    const present = (ctx.meeting.present ?? 0) + 1;
    if (present > ctx.meeting.expected) {
      throw errors.badRequest(`present (${present}) would exceed expected (${ctx.meeting.expected})`, `实到人数（${present}）将超过应到人数（${ctx.meeting.expected}），请核对应到人数`);
    }
    const [row] = await tx
      .insert(checkIns)
      .values({ meetingId: ctx.meeting.id, voterId: voter.id, holderVoterId: holderId, byUser: input.actor.id })
      .returning();
    await tx.update(meetings).set({ present }).where(eq(meetings.id, ctx.meeting.id));
    const quorum = quorumOf({ meeting: { ...ctx.meeting, present }, profile: ctx.profile });
    const view = {
      id: row!.id,
      meetingId: ctx.meeting.id,
      voter: { name: maskName(voter.name), idNumber: maskIdNumber(voter.idNumber) },
      byProxy: holderId !== null,
      checkedInAt: row!.createdAt.toISOString(),
      present,
      expected: ctx.meeting.expected,
      quorate: quorum.ok,
    };
    await appendAudit(tx, {
      actor: input.actor,
      action: 'check-in',
      entity: 'meeting',
      entityId: ctx.meeting.id,
      before: { present: ctx.meeting.present },
      after: { checkInId: row!.id, voterId: voter.id, holderVoterId: holderId, present },
    });
    return view;
  });
}

/** The check-ins of a meeting, latest first, names masked. */
export async function listCheckIns(db: DbOrTx, input: PageInput & { meetingId: string }) {
  await loadMeetingContext(db, input.meetingId);
  const where = eq(checkIns.meetingId, input.meetingId);
  const [{ total }] = (await db.select({ total: count() }).from(checkIns).where(where)) as [{ total: number }];
  const rows = await db
    .select({ id: checkIns.id, name: voters.name, idNumber: voters.idNumber, holder: checkIns.holderVoterId, at: checkIns.createdAt })
    .from(checkIns)
    .innerJoin(voters, eq(voters.id, checkIns.voterId))
    .where(where)
    .orderBy(sql`${checkIns.createdAt} desc`, asc(checkIns.id))
    .limit(input.pageSize)
    .offset(offsetOf(input));
  return {
    items: rows.map((r) => ({ id: r.id, voter: { name: maskName(r.name), idNumber: maskIdNumber(r.idNumber) }, byProxy: r.holder !== null, checkedInAt: r.at.toISOString() })),
    total: Number(total),
    page: input.page,
    pageSize: input.pageSize,
  };
}

/** How many were checked in at a meeting (the floor of a manual attendance figure). */
export async function checkInCount(db: DbOrTx, meetingId: string): Promise<number> {
  const [{ n }] = (await db.select({ n: count() }).from(checkIns).where(eq(checkIns.meetingId, meetingId))) as [{ n: number }];
  return Number(n);
}
