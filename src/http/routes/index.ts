import type { FastifyInstance } from 'fastify';
import { healthRoutes } from './health.js';
import { authRoutes } from './auth.js';
import { userRoutes } from './users.js';
import { geographyRoutes } from './geography.js';
import { auditRoutes } from './audit.js';
import { nominationRoutes } from './nominations.js';
import { candidateRoutes } from './candidates.js';
import { meetingRoutes } from './meetings.js';
import { tallyRoutes } from './tally.js';
import { tallySheetRoutes } from './tally-sheets.js';
import { roundRoutes } from './rounds.js';
import { communityRoutes } from './communities.js';
import { voterRoutes } from './voters.js';
import { objectionRoutes } from './objections.js';
import { representativeRoutes } from './representatives.js';
import { filingRoutes, handoverRoutes } from './filing.js';
import { documentRoutes } from './documents.js';
import { ruleRoutes } from './rules.js';
import { controlRoomRoutes } from './control-room.js';
import { communityUserRoutes, reviewDeskRoutes } from './review-desk.js';

/** Every route module, in one place (the access matrix test walks the routes registered here). */
export async function routes(app: FastifyInstance): Promise<void> {
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(userRoutes);
  await app.register(geographyRoutes);
  await app.register(auditRoutes);
  await app.register(nominationRoutes);
  await app.register(candidateRoutes);
  await app.register(meetingRoutes);
  await app.register(tallyRoutes);
  await app.register(tallySheetRoutes);
  await app.register(roundRoutes);
  await app.register(communityRoutes);
  await app.register(voterRoutes);
  await app.register(objectionRoutes);
  await app.register(representativeRoutes);
  await app.register(filingRoutes);
  await app.register(handoverRoutes);
  await app.register(documentRoutes);
  await app.register(ruleRoutes);
  await app.register(controlRoomRoutes);
  await app.register(reviewDeskRoutes);
  await app.register(communityUserRoutes);
}
