CREATE TABLE "audit_anchors" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"hash" text NOT NULL,
	"mac" text NOT NULL,
	"filing_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_throttle" (
	"address" text NOT NULL,
	"username" text NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"lockouts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "login_throttle_address_username_pk" PRIMARY KEY("address","username")
);
--> statement-breakpoint
ALTER TABLE "filings" ADD COLUMN "reopened" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "filings" ADD COLUMN "chain_seq" bigint;--> statement-breakpoint
ALTER TABLE "filings" ADD COLUMN "chain_hash" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "token_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
CREATE INDEX "login_throttle_username" ON "login_throttle" USING btree ("username");--> statement-breakpoint
-- Usernames differing only in case: the later ones are renamed (suffix of their id) before the unique index.
UPDATE "users" AS u SET "username" = u."username" || '-' || left(u."id"::text, 8)
WHERE EXISTS (SELECT 1 FROM "users" AS o WHERE lower(o."username") = lower(u."username") AND (o."created_at", o."id") < (u."created_at", u."id"));--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_lower" ON "users" USING btree (lower("username"));--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "failed_logins";--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "locked_until";--> statement-breakpoint
-- The token-signing secret no longer lives beside the data (TOKEN_SECRET or DATA_DIR/token-secret): every session ends once.
DELETE FROM "settings" WHERE "key" = 'token_secret';--> statement-breakpoint
-- Audit entries from here on are keyed (HMAC); the ones before keep their plain SHA-256 chain (src/db/audit.ts).
INSERT INTO "settings" ("key", "value") SELECT 'audit_keyed_from', (coalesce(max("seq"), 0) + 1)::text FROM "audit_log"
ON CONFLICT ("key") DO NOTHING;
