/**
 * Publication of the voter list (VOT-LIST-PUBLISH: at least `voterListNoticeDays` before election day, not in the
 * future, inside the round's phases) with the community's next notice number, and objections (申诉): filed within
 * `objectionDays` of the publication, decided within `objectionDecisionDays`. An upheld `add` registers the person
 * through the same checks as a single registration; an upheld `correct` replaces the voter's details through the same
 * checks; an upheld `remove` deletes the registration. All audited. A list an upheld objection changed is published
 * again (a new notice, the publication naming the objection), so the posted list and the papers show the change.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.js';
import { objections, voterListPublications, voters } from '../db/schema.js';
import { appendAudit, type Actor } from '../db/audit.js';
import { AppError, errors } from '../domain/errors.js';
import { checkObjectionDecided, checkObjectionFiled, checkVoterListPublish, objectionWindow } from '../domain/timeline.js';
import { maskIdNumber } from '../domain/id-card.js';
import { assertInPhase, assertNoHard, enforce, judge, loadCommunityContext, resultOfOutcomes, type JustificationInput } from './rules.js';
import { issueNotice, orderedStepDates } from './notices.js';
import { correctVoterInTx, countVoters, registerVoterInTx, voterView, type VoterFields } from './voters.js';
import { assertNotFiled } from './freeze.js';

export async function publishVoterList(
  db: Db,
  input: { actor: Actor; communityId: string; publishedOn?: string | undefined; today: string; justifications?: readonly JustificationInput[] | undefined },
) {
  return db.transaction(async (tx) => {
    const { community, round, profile } = await loadCommunityContext(tx, input.communityId);
    await assertNotFiled(tx, { communityId: community.id, kind: 'rc', area: 'voters' });
    const publishedOn = input.publishedOn ?? input.today;
    // TML-ORDER: not before the election notice.
    const done = await orderedStepDates(tx, community.id);
    assertNoHard(resultOfOutcomes([judge('TML-ORDER', { step: 'voter-list', on: publishedOn, done }, profile)]));
    const check = checkVoterListPublish({ publishedOn, electionDay: community.electionDay, today: input.today }, profile);
    await enforce(tx, { result: check, justifications: input.justifications, actor: input.actor, roundId: round.id, communityId: community.id, action: 'publish-voter-list' });
    assertInPhase({ round, action: 'publish-voter-list', on: publishedOn });
    const noticeNo = await issueNotice(tx, { communityId: community.id, kind: 'voter-list', title: '选民名单公告', issuedOn: publishedOn });
    const [row] = await tx.insert(voterListPublications).values({ communityId: community.id, publishedOn, noticeNo }).returning();
    const voterCount = await countVoters(tx, community.id);
    const view = {
      id: row!.id,
      communityId: community.id,
      publishedOn,
      noticeNo,
      voters: voterCount,
      objectionsUntil: objectionWindow(publishedOn, profile).fileUntil,
    };
    await appendAudit(tx, { actor: input.actor, action: 'publish', entity: 'voter-list', entityId: row!.id, after: view });
    return view;
  });
}

type ObjectionRow = typeof objections.$inferSelect;

export interface PersonInput extends Omit<VoterFields, 'idNumber' | 'name'> {
  readonly idNumber: string;
  readonly name: string;
}

export function objectionView(row: ObjectionRow, decideBy?: string) {
  const person = row.person as (PersonInput & Record<string, unknown>) | null;
  return {
    id: row.id,
    communityId: row.communityId,
    kind: row.kind,
    filedOn: row.filedOn,
    filedBy: row.filedBy,
    voterId: row.voterId,
    person: person ? { ...person, idNumber: maskIdNumber(person.idNumber) } : null,
    reason: row.reason,
    status: row.status,
    decidedOn: row.decidedOn,
    decisionReason: row.decisionReason,
    ...(decideBy ? { decideBy } : {}),
  };
}

/** The voter list's latest publication (the objections screen shows it beside the list), or null before the first. */
export async function latestVoterList(db: Db, communityId: string) {
  const [publication] = await db
    .select()
    .from(voterListPublications)
    .where(eq(voterListPublications.communityId, communityId))
    .orderBy(desc(voterListPublications.publishedOn), desc(voterListPublications.noticeNo))
    .limit(1);
  return publication ? { publishedOn: publication.publishedOn, noticeNo: publication.noticeNo } : null;
}

/**
 * After an upheld objection changed the list: the list is published again on the day of the decision with the
 * community's next notice number. Its notice days and objection window still count from the committee's own
 * publication (VOT-LIST-PUBLISH), so a republication neither needs 20 days before election day nor reopens objections.
 */
async function republishAfterObjection(tx: Tx, input: { actor: Actor; communityId: string; objectionId: string; on: string }) {
  const noticeNo = await issueNotice(tx, { communityId: input.communityId, kind: 'voter-list', title: '选民名单公告（补正）', issuedOn: input.on });
  const [row] = await tx
    .insert(voterListPublications)
    .values({ communityId: input.communityId, publishedOn: input.on, noticeNo, objectionId: input.objectionId })
    .returning();
  const view = { id: row!.id, publishedOn: input.on, noticeNo, voters: await countVoters(tx, input.communityId), objectionId: input.objectionId };
  await appendAudit(tx, { actor: input.actor, action: 'republish', entity: 'voter-list', entityId: row!.id, after: view });
  return view;
}

export async function fileObjection(
  db: Db,
  input: {
    actor: Actor;
    communityId: string;
    kind: 'add' | 'remove' | 'correct';
    voterId?: string | undefined;
    person?: PersonInput | undefined;
    reason: string;
    filedBy: string;
    filedOn?: string | undefined;
    today: string;
  },
) {
  return db.transaction(async (tx) => {
    const { community, round, profile } = await loadCommunityContext(tx, input.communityId);
    await assertNotFiled(tx, { communityId: community.id, kind: 'rc', area: 'voters' });
    const filedOn = input.filedOn ?? input.today;
    if (filedOn > input.today) throw errors.badRequest(`filedOn ${filedOn} is after today ${input.today}`, `申诉日期${filedOn}晚于今天（${input.today}）`);
    const [publication] = await tx
      .select()
      .from(voterListPublications)
      .where(and(eq(voterListPublications.communityId, community.id), isNull(voterListPublications.objectionId)))
      .orderBy(desc(voterListPublications.publishedOn), desc(voterListPublications.createdAt))
      .limit(1);
    if (!publication) {
      throw new AppError({
        status: 422,
        code: 'RULE_VIOLATION',
        rule: 'VOT-LIST-PUBLISH',
        message: 'The voter list has not been published; objections are filed after publication',
        messageZh: '选民名单尚未公布，不能提出申诉',
      });
    }
    const check = checkObjectionFiled({ publishedOn: publication.publishedOn, filedOn }, profile);
    const { value } = await enforce(tx, { result: check, actor: input.actor, roundId: round.id, communityId: community.id, action: 'file-objection' });
    if (input.kind === 'add') {
      if (!input.person) throw errors.badRequest('An add objection names the person to register (person)', '要求登记的申诉须填写被登记人信息（person）');
    } else {
      if (input.kind === 'correct' && !input.person) {
        throw errors.badRequest('A correct objection states the corrected registration (person)', '要求更正的申诉须填写更正后的登记信息（person）');
      }
      if (!input.voterId) throw errors.badRequest('This objection names the registered voter (voterId)', '此类申诉须指明所涉选民（voterId）');
      const [voter] = await tx.select({ id: voters.id }).from(voters).where(and(eq(voters.id, input.voterId), eq(voters.communityId, community.id)));
      if (!voter) throw errors.notFound('Voter', '选民');
    }
    const [row] = await tx
      .insert(objections)
      .values({
        communityId: community.id,
        kind: input.kind,
        filedOn,
        filedBy: input.filedBy,
        voterId: input.voterId ?? null,
        person: input.person ?? null,
        reason: input.reason,
      })
      .returning();
    const view = objectionView(row!, value.decideBy);
    await appendAudit(tx, { actor: input.actor, action: 'file', entity: 'objection', entityId: row!.id, after: view });
    return view;
  });
}

export async function decideObjection(
  db: Db,
  input: { actor: Actor; objectionId: string; decision: 'upheld' | 'rejected'; reason: string; decidedOn?: string | undefined; today: string },
) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(objections).where(eq(objections.id, input.objectionId)).for('update');
    if (!row) throw errors.notFound('Objection', '申诉');
    if (row.status !== 'pending') throw errors.conflict('OBJECTION_DECIDED', 'The objection has already been decided', '该申诉已作出处理决定');
    const ctx = await loadCommunityContext(tx, row.communityId);
    await assertNotFiled(tx, { communityId: ctx.community.id, kind: 'rc', area: 'voters' });
    const decidedOn = input.decidedOn ?? input.today;
    if (decidedOn > input.today) throw errors.badRequest(`decidedOn ${decidedOn} is after today ${input.today}`, `决定日期${decidedOn}晚于今天（${input.today}）`);
    if (decidedOn < row.filedOn) throw errors.badRequest('decidedOn precedes the filing', '决定日期早于申诉日期');
    const check = checkObjectionDecided({ filedOn: row.filedOn, decidedOn, today: input.today }, ctx.profile);
    await enforce(tx, { result: check, actor: input.actor, roundId: ctx.round.id, communityId: ctx.community.id, action: 'decide-objection' });

    let effect: Record<string, unknown> = {};
    if (input.decision === 'upheld') {
      if (row.kind === 'add') {
        const person = row.person as PersonInput;
        const voter = await registerVoterInTx(tx, { ...person, actor: input.actor, ctx, today: input.today, source: 'objection' });
        effect = { registered: voterView(voter) };
      } else if (row.kind === 'correct' && row.voterId) {
        const person = row.person as PersonInput;
        const voter = await correctVoterInTx(tx, { ...person, actor: input.actor, ctx, today: input.today, voterId: row.voterId, objectionId: row.id });
        effect = { corrected: voterView(voter) };
      } else if (row.kind === 'remove' && row.voterId) {
        const [removed] = await tx.delete(voters).where(eq(voters.id, row.voterId)).returning();
        if (removed) {
          await appendAudit(tx, { actor: input.actor, action: 'remove', entity: 'voter', entityId: removed.id, before: voterView(removed), after: { objectionId: row.id } });
          effect = { removed: voterView(removed) };
        }
      }
    }
    const [updated] = await tx
      .update(objections)
      .set({ status: input.decision, decidedOn, decisionReason: input.reason })
      .where(eq(objections.id, row.id))
      .returning();
    const republished =
      Object.keys(effect).length > 0
        ? await republishAfterObjection(tx, { actor: input.actor, communityId: ctx.community.id, objectionId: row.id, on: decidedOn })
        : null;
    const view = { ...objectionView(updated!), ...effect, ...(republished ? { republished } : {}) };
    await appendAudit(tx, { actor: input.actor, action: 'decide', entity: 'objection', entityId: row.id, before: objectionView(row), after: view });
    return view;
  });
}
