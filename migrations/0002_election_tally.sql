DROP INDEX "tally_entry_once";--> statement-breakpoint
ALTER TABLE "candidate_lists" ADD COLUMN "ballot" text DEFAULT 'secret' NOT NULL;--> statement-breakpoint
ALTER TABLE "meeting_contests" ADD COLUMN "voters" integer;--> statement-breakpoint
ALTER TABLE "nominations" ADD COLUMN "group_id" uuid;--> statement-breakpoint
ALTER TABLE "tally_entries" ADD COLUMN "overvoted" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tally_sheets" ADD COLUMN "overvoted" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "tally_entry_once" ON "tally_entries" USING btree ("contest_id","box","sheet_version","entered_by") WHERE status <> 'discarded';--> statement-breakpoint
ALTER TABLE "meeting_contests" ADD CONSTRAINT "meeting_contests_once" UNIQUE NULLS NOT DISTINCT("meeting_id","contest","stage","parent_id");