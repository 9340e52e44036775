ALTER TABLE `consent_events` ADD `given_on` text;--> statement-breakpoint
ALTER TABLE `consent_events` ADD `form_kept_at` text;--> statement-breakpoint
-- The append-only guard names every column that must stay as it was; a column it does not name could
-- be changed on an erased record's events. So it is made again with the two new ones: the day a
-- choice was given is part of the decision, and where the signed form is kept is how staff find the
-- paper when the person asks to be forgotten. Neither may change; only the notes about people may
-- still be emptied after an erasure (0014).
DROP TRIGGER consent_events_no_update;
--> statement-breakpoint
CREATE TRIGGER consent_events_no_update BEFORE UPDATE ON consent_events
WHEN NOT (
  NEW.id IS OLD.id AND NEW.organization_id IS OLD.organization_id AND NEW.consultant_id IS OLD.consultant_id
  AND NEW.purpose_id IS OLD.purpose_id AND NEW.purpose_version_id IS OLD.purpose_version_id
  AND NEW.kind IS OLD.kind AND NEW.method IS OLD.method AND NEW.name_choice IS OLD.name_choice
  AND NEW.requested_on IS OLD.requested_on AND NEW.expires_on IS OLD.expires_on
  AND NEW.engagement_id IS OLD.engagement_id AND NEW.recorded_by_user_id IS OLD.recorded_by_user_id
  AND NEW.creation_key IS OLD.creation_key AND NEW.created_at IS OLD.created_at
  AND NEW.given_on IS OLD.given_on AND NEW.form_kept_at IS OLD.form_kept_at
  AND NEW.scope_notes IS NULL AND NEW.witness_name IS NULL AND NEW.requested_by IS NULL
  AND EXISTS (SELECT 1 FROM consultants c WHERE c.id = OLD.consultant_id AND c.erased_at IS NOT NULL)
)
BEGIN
  SELECT RAISE(ABORT, 'consent_events is append-only');
END;
