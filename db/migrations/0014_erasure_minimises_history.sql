-- Consent events and engagement agreements stay append-only, with exactly one exception: when a
-- consultant's record has been erased at their request (consultants.erased_at is set), the free-text
-- fields that may describe them or people close to them can be emptied. Every other column must stay
-- as it was, and the text can only become NULL, never something else. The decision itself (what, when,
-- which wording, who recorded it) remains as evidence. See app/models/erasure.server.ts.
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
  AND NEW.scope_notes IS NULL AND NEW.witness_name IS NULL AND NEW.requested_by IS NULL
  AND EXISTS (SELECT 1 FROM consultants c WHERE c.id = OLD.consultant_id AND c.erased_at IS NOT NULL)
)
BEGIN
  SELECT RAISE(ABORT, 'consent_events is append-only');
END;
--> statement-breakpoint
DROP TRIGGER engagement_agreements_no_update;
--> statement-breakpoint
CREATE TRIGGER engagement_agreements_no_update BEFORE UPDATE ON engagement_agreements
WHEN NOT (
  NEW.id IS OLD.id AND NEW.organization_id IS OLD.organization_id AND NEW.engagement_id IS OLD.engagement_id
  AND NEW.terms_version IS OLD.terms_version AND NEW.decision IS OLD.decision
  AND NEW.terms_snapshot IS OLD.terms_snapshot AND NEW.decided_by_user_id IS OLD.decided_by_user_id
  AND NEW.created_at IS OLD.created_at
  AND NEW.message IS NULL
  AND EXISTS (
    SELECT 1 FROM engagements e JOIN consultants c ON c.id = e.consultant_id
    WHERE e.id = OLD.engagement_id AND c.erased_at IS NOT NULL
  )
)
BEGIN
  SELECT RAISE(ABORT, 'engagement_agreements is append-only');
END;
