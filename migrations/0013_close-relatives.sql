CREATE TABLE "close_relatives" (
	"id" uuid PRIMARY KEY NOT NULL,
	"community_id" uuid NOT NULL,
	"voter_a_id" uuid NOT NULL,
	"voter_b_id" uuid NOT NULL,
	"relation" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "close_relatives" ADD CONSTRAINT "close_relatives_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "close_relatives" ADD CONSTRAINT "close_relatives_voter_a_id_voters_id_fk" FOREIGN KEY ("voter_a_id") REFERENCES "public"."voters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "close_relatives" ADD CONSTRAINT "close_relatives_voter_b_id_voters_id_fk" FOREIGN KEY ("voter_b_id") REFERENCES "public"."voters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "close_relatives_pair" ON "close_relatives" USING btree ("community_id","voter_a_id","voter_b_id");