/**
 * Handover between the old and the new committee (交接, AFT-HANDOVER): recorded with its date and supervisor;
 * the street's dashboard flags handovers that are overdue.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { handovers } from '../db/schema.js';
import { appendAudit, type Actor } from '../db/audit.js';
import { checkHandover } from '../domain/timeline.js';
import { describeViolation } from '../domain/violations.js';
import { errors } from '../domain/errors.js';
import { assertInPhase, loadCommunityContext } from './rules.js';

export async function recordHandover(
  db: Db,
  input: { actor: Actor; communityId: string; completedOn: string; supervisor: string; notes?: string | undefined; today: string },
) {
  if (input.completedOn > input.today) {
    throw errors.badRequest('A handover cannot be recorded for a future date', '交接日期不能晚于今天');
  }
  return db.transaction(async (tx) => {
    const row = await loadCommunityContext(tx, input.communityId);
    assertInPhase({ round: row.round, action: 'handover', on: input.completedOn });
    if (input.completedOn < row.community.electionDay) {
      throw errors.badRequest('The handover follows the election', '交接应在选举之后进行');
    }
    const [existing] = await tx.select().from(handovers).where(eq(handovers.communityId, input.communityId));
    if (existing) throw errors.conflict('HANDOVER_RECORDED', 'The handover is already recorded', '该社区的交接已登记', { completedOn: existing.completedOn });
    const check = checkHandover({ electionDay: row.community.electionDay, completedOn: input.completedOn, today: input.today }, row.profile);
    const [saved] = await tx
      .insert(handovers)
      .values({ communityId: input.communityId, completedOn: input.completedOn, supervisor: input.supervisor, notes: input.notes ?? null })
      .returning();
    await appendAudit(tx, {
      actor: input.actor,
      action: 'handover',
      entity: 'community',
      entityId: input.communityId,
      after: { completedOn: input.completedOn, supervisor: input.supervisor, overdue: !check.ok },
    });
    return {
      id: saved!.id,
      completedOn: saved!.completedOn,
      supervisor: saved!.supervisor,
      dueBy: check.ok ? check.value.dueBy : String(check.violations[0]!.params.dueBy),
      overdue: !check.ok,
      ...(check.ok ? {} : { warning: describeViolation(check.violations[0]!) }),
    };
  });
}
