CREATE INDEX "candidate_lists_community_contest" ON "candidate_lists" USING btree ("community_id","contest");--> statement-breakpoint
CREATE INDEX "meetings_community" ON "meetings" USING btree ("community_id");--> statement-breakpoint
CREATE INDEX "tally_sheets_meeting" ON "tally_sheets" USING btree ("meeting_id");