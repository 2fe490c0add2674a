/**
 * CAN-VETTING, the joint qualification review (候选人资格联审, docs/RULES.md "Extensions"): before the formal list, each
 * preliminary candidate is reviewed by every department the round names; a 不通过 keeps the name off the list, and so
 * does a review not yet given when the profile says so (`jointReview.pendingBlocks`, the `review-2021` option).
 */
import type { Profile } from './profile.js';
import { hard, okResult, resultOf, type RuleResult, type Violation } from './violations.js';

export type ReviewDecision = 'pass' | 'fail';
export type ReviewState = ReviewDecision | 'pending';

export interface DepartmentReview {
  readonly department: string;
  readonly decision: ReviewState;
  readonly reason: string | null;
}

export interface VettedCandidate {
  readonly id: string;
  readonly name: string;
  readonly reviews: readonly DepartmentReview[];
}

/** One candidate's standing: `fail` if any department said 不通过, else `pending` if any has not reviewed, else `pass`. */
export function vettingVerdict(reviews: readonly DepartmentReview[]): ReviewState {
  if (reviews.some((r) => r.decision === 'fail')) return 'fail';
  if (reviews.some((r) => r.decision === 'pending')) return 'pending';
  return 'pass';
}

/** The departments still to review a candidate, in the round's order. */
export function pendingDepartments(reviews: readonly DepartmentReview[]): string[] {
  return reviews.filter((r) => r.decision === 'pending').map((r) => r.department);
}

/**
 * CAN-VETTING: every candidate put on a formal list has no 不通过 (and, when `pendingBlocks`, no pending review).
 * Off (always ok) when the profile has no joint review.
 */
export function checkJointReview(input: { readonly candidates: readonly VettedCandidate[] }, profile: Profile): RuleResult<null> {
  const review = profile.jointReview;
  if (review === null) return okResult(null);
  const issues: Violation[] = [];
  for (const c of input.candidates) {
    const refused = c.reviews.filter((r) => r.decision === 'fail');
    if (refused.length > 0) {
      issues.push(
        hard('CAN-VETTING', {
          reason: 'refused',
          candidateId: c.id,
          name: c.name,
          departments: refused.map((r) => r.department).join('、'),
          reasons: refused.map((r) => r.reason ?? '未说明理由').join('；'),
        }),
      );
      continue;
    }
    const pending = pendingDepartments(c.reviews);
    if (review.pendingBlocks && pending.length > 0) {
      issues.push(hard('CAN-VETTING', { reason: 'pending', candidateId: c.id, name: c.name, departments: pending.join('、') }));
    }
  }
  return resultOf(null, issues, profile);
}
