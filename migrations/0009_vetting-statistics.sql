CREATE TABLE "review_departments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"district_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "round_review_departments" (
	"round_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "round_review_departments_round_id_department_id_pk" PRIMARY KEY("round_id","department_id")
);
--> statement-breakpoint
CREATE TABLE "statistics_reports" (
	"round_id" uuid PRIMARY KEY NOT NULL,
	"district_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"reason" text,
	"manual" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"submitted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vetting_reviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"round_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"nomination_id" uuid NOT NULL,
	"department_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"reason" text,
	"reviewed_on" date NOT NULL,
	"by_user" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "review_departments" ADD CONSTRAINT "review_departments_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_review_departments" ADD CONSTRAINT "round_review_departments_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "round_review_departments" ADD CONSTRAINT "round_review_departments_department_id_review_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."review_departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statistics_reports" ADD CONSTRAINT "statistics_reports_round_id_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vetting_reviews" ADD CONSTRAINT "vetting_reviews_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vetting_reviews" ADD CONSTRAINT "vetting_reviews_nomination_id_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."nominations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vetting_reviews" ADD CONSTRAINT "vetting_reviews_department_id_review_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."review_departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "review_departments_district_name" ON "review_departments" USING btree ("district_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "vetting_reviews_nomination_department" ON "vetting_reviews" USING btree ("nomination_id","department_id");