CREATE TABLE "tally_drafts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"contest_id" uuid NOT NULL,
	"box" text NOT NULL,
	"sheet_version" integer DEFAULT 1 NOT NULL,
	"scrutineer_id" uuid NOT NULL,
	"figures" jsonb NOT NULL,
	"cleared" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"correction_of" uuid,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tally_entries" ADD COLUMN "valid" integer;--> statement-breakpoint
ALTER TABLE "tally_entries" ADD COLUMN "errors" jsonb;--> statement-breakpoint
ALTER TABLE "tally_drafts" ADD CONSTRAINT "tally_drafts_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "tally_draft_once" ON "tally_drafts" USING btree ("contest_id","box","sheet_version");