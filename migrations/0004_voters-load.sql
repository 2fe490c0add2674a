ALTER TABLE "voters" DROP CONSTRAINT "voters_community_id_communities_id_fk";
--> statement-breakpoint
DROP INDEX "voters_community_name";--> statement-breakpoint
ALTER TABLE "voters" ALTER COLUMN "id_number" SET DATA TYPE text collate "C";--> statement-breakpoint
ALTER TABLE "voters" ALTER COLUMN "id_last4" SET DATA TYPE text collate "C";--> statement-breakpoint
CREATE FUNCTION "communities_keep_voters"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.id = OLD.id THEN
      RETURN NEW;
    END IF;
  END IF;
  IF EXISTS (SELECT 1 FROM voters WHERE community_id = OLD.id) THEN
    RAISE EXCEPTION 'community % still has voters', OLD.id USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "communities_keep_voters" BEFORE DELETE OR UPDATE OF "id" ON "communities"
  FOR EACH ROW EXECUTE FUNCTION "communities_keep_voters"();
