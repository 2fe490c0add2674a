CREATE TABLE "check_ins" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"voter_id" uuid NOT NULL,
	"holder_voter_id" uuid,
	"by_user" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recalls" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"nomination_id" uuid NOT NULL,
	"contest" text NOT NULL,
	"name" text NOT NULL,
	"base" text NOT NULL,
	"base_count" integer NOT NULL,
	"petitioners" integer NOT NULL,
	"reason" text NOT NULL,
	"filed_on" date NOT NULL,
	"meeting_id" uuid,
	"status" text DEFAULT 'petitioned' NOT NULL,
	"returned" integer,
	"votes_for" integer,
	"votes_against" integer,
	"decided_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vacancies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"contest" text NOT NULL,
	"nomination_id" uuid NOT NULL,
	"name" text NOT NULL,
	"reason" text NOT NULL,
	"occurred_on" date NOT NULL,
	"recall_id" uuid,
	"meeting_id" uuid,
	"contest_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"filled_by" text,
	"certificate_number" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "purpose" text DEFAULT 'election' NOT NULL;--> statement-breakpoint
ALTER TABLE "check_ins" ADD CONSTRAINT "check_ins_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recalls" ADD CONSTRAINT "recalls_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancies" ADD CONSTRAINT "vacancies_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "check_ins_once" ON "check_ins" USING btree ("meeting_id","voter_id");