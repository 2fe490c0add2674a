/**
 * Certificates of election (当选证书, AFT-CERT): for the director, deputies and members, issued in the street
 * office's name on behalf of the district government once the result is confirmed (every contest and follow-up vote
 * of the residents' committee counted). The bureau's step is 备案 (record, or return with reasons): it does not hold
 * up the certificates; a return that voids the result withdraws them (`withdrawCertificates`, same transaction).
 * Numbered uniquely in the round. Issuing again returns the certificates in force.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { certificates, communities } from '../db/schema.js';
import { appendAudit, type Actor } from '../db/audit.js';
import { errors } from '../domain/errors.js';
import { loadElected } from './elected.js';
import { assertInPhase, loadCommunityContext } from './rules.js';

export async function listCertificates(db: DbOrTx, communityId: string) {
  const rows = await db
    .select()
    .from(certificates)
    .where(and(eq(certificates.communityId, communityId), isNull(certificates.withdrawnAt)))
    .orderBy(asc(certificates.number));
  return rows.map((r) => ({ id: r.id, number: r.number, name: r.name, post: r.post, issuedOn: r.issuedOn }));
}

export async function issueCertificates(db: Db, input: { actor: Actor; communityId: string; issuedOn: string }) {
  const existing = await listCertificates(db, input.communityId);
  if (existing.length > 0) return { certificates: existing, issued: 0 };
  const { round } = await loadCommunityContext(db, input.communityId);
  assertInPhase({ round, action: 'certificates', on: input.issuedOn });
  const elected = await loadElected(db, input.communityId);
  if (!elected.rcComplete) {
    throw errors.conflict('RESULT_NOT_CONFIRMED', 'Certificates follow the confirmed result of every contest', '居民委员会选举结果尚未全部确认（含另行选举、重新投票），暂不能颁发当选证书');
  }
  return db.transaction(async (tx) => {
    const [community] = await tx.select().from(communities).where(eq(communities.id, input.communityId));
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`certificates:${community!.roundId}`}))`);
    const again = await listCertificates(tx, input.communityId);
    if (again.length > 0) return { certificates: again, issued: 0 };
    const [{ last }] = (await tx
      .select({ last: sql<number>`coalesce(max(${certificates.number}), 0)::int` })
      .from(certificates)
      .where(eq(certificates.roundId, community!.roundId))) as [{ last: number }];
    const rows = elected.rc.map((person, i) => ({
      roundId: community!.roundId,
      communityId: input.communityId,
      number: last + i + 1,
      name: person.name,
      post: person.postZh,
      issuedOn: input.issuedOn,
    }));
    if (rows.length > 0) await tx.insert(certificates).values(rows);
    await appendAudit(tx, {
      actor: input.actor,
      action: 'issue-certificates',
      entity: 'community',
      entityId: input.communityId,
      after: { numbers: rows.map((r) => r.number), issuedOn: input.issuedOn },
    });
    return { certificates: await listCertificates(tx, input.communityId), issued: rows.length };
  });
}

/** A return that voids the result withdraws the community's certificates in force (audited; call inside the transaction). */
export async function withdrawCertificates(tx: DbOrTx, input: { actor: Actor; communityId: string; at: Date; reason: string }) {
  const withdrawn = await tx
    .update(certificates)
    .set({ withdrawnAt: input.at })
    .where(and(eq(certificates.communityId, input.communityId), isNull(certificates.withdrawnAt)))
    .returning({ number: certificates.number });
  if (withdrawn.length > 0) {
    await appendAudit(tx, {
      actor: input.actor,
      action: 'withdraw-certificates',
      entity: 'community',
      entityId: input.communityId,
      after: { numbers: withdrawn.map((w) => w.number).sort((a, b) => a - b), reason: input.reason },
    });
  }
  return withdrawn.length;
}
