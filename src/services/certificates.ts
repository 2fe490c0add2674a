/**
 * Certificates of election (当选证书, AFT-CERT): for the director, deputies and members, issued by the street office
 * on behalf of the district government once the filing is approved, numbered uniquely in the round.
 * Issuing again returns the certificates already issued.
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { certificates, communities } from '../db/schema.js';
import { appendAudit, type Actor } from '../db/audit.js';
import { errors } from '../domain/errors.js';
import { approvedFiling } from './filing.js';
import { loadElected } from './elected.js';
import { assertInPhase, loadCommunityContext } from './rules.js';

export async function listCertificates(db: DbOrTx, communityId: string) {
  const rows = await db.select().from(certificates).where(eq(certificates.communityId, communityId)).orderBy(asc(certificates.number));
  return rows.map((r) => ({ id: r.id, number: r.number, name: r.name, post: r.post, issuedOn: r.issuedOn }));
}

export async function issueCertificates(db: Db, input: { actor: Actor; communityId: string; issuedOn: string }) {
  const existing = await listCertificates(db, input.communityId);
  if (existing.length > 0) return { certificates: existing, issued: 0 };
  const { round } = await loadCommunityContext(db, input.communityId);
  assertInPhase({ round, action: 'certificates', on: input.issuedOn });
  if (!(await approvedFiling(db, input.communityId, 'rc'))) {
    throw errors.conflict('FILING_NOT_APPROVED', 'Certificates are issued once the filing is approved', '备案经区民政局审核通过后方可颁发当选证书');
  }
  const elected = await loadElected(db, input.communityId);
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
