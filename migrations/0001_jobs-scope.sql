ALTER TABLE "jobs" ADD COLUMN "community_id" uuid;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "output_path" text;