ALTER TABLE `engagement_agreements` ADD `method` text DEFAULT 'portal' NOT NULL;--> statement-breakpoint
ALTER TABLE `engagement_agreements` ADD `agreed_on` text;--> statement-breakpoint
ALTER TABLE `engagement_agreements` ADD `method_detail` text;--> statement-breakpoint
ALTER TABLE `engagement_agreements` ADD `witness_user_id` text REFERENCES users(id) ON DELETE restrict;--> statement-breakpoint
ALTER TABLE `engagement_agreements` ADD `paper_form_location` text;--> statement-breakpoint
ALTER TABLE `engagements` ADD `estimated_days` integer;--> statement-breakpoint
-- An answer recorded by staff stays append-only like any other: the same single exception as before
-- (an erased consultant's free text may become NULL), now also for the words saying how they answered.
DROP TRIGGER engagement_agreements_no_update;
--> statement-breakpoint
CREATE TRIGGER engagement_agreements_no_update BEFORE UPDATE ON engagement_agreements
WHEN NOT (
  NEW.id IS OLD.id AND NEW.organization_id IS OLD.organization_id AND NEW.engagement_id IS OLD.engagement_id
  AND NEW.terms_version IS OLD.terms_version AND NEW.decision IS OLD.decision
  AND NEW.terms_snapshot IS OLD.terms_snapshot AND NEW.decided_by_user_id IS OLD.decided_by_user_id
  AND NEW.created_at IS OLD.created_at AND NEW.method IS OLD.method AND NEW.agreed_on IS OLD.agreed_on
  AND NEW.witness_user_id IS OLD.witness_user_id AND NEW.paper_form_location IS OLD.paper_form_location
  AND NEW.message IS NULL AND NEW.method_detail IS NULL
  AND EXISTS (
    SELECT 1 FROM engagements e JOIN consultants c ON c.id = e.consultant_id
    WHERE e.id = OLD.engagement_id AND c.erased_at IS NOT NULL
  )
)
BEGIN
  SELECT RAISE(ABORT, 'engagement_agreements is append-only');
END;
