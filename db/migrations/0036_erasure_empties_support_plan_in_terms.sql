-- Each answer keeps the terms word for word, and the terms now hold the support plan: an interpreter's
-- language, what was arranged, why something was not possible. Those words describe the person's needs,
-- so the single exception to append-only (an erased consultant's free text may become NULL) now also
-- covers them, and nothing more: in the snapshot, each support item's language, arrangement and
-- declineReason may become null; every other key of the snapshot and of each item (its kind, its
-- status), the number and order of items, and every other column stay exactly as they were. The
-- terms' language (added after the last version of this trigger) is now held unchanged too. Every
-- comparison is IS, never =: a NULL (a snapshot without a plan) would otherwise make the whole
-- condition NULL, and the trigger would let the update through.
DROP TRIGGER engagement_agreements_no_update;
--> statement-breakpoint
CREATE TRIGGER engagement_agreements_no_update BEFORE UPDATE ON engagement_agreements
WHEN NOT (
  NEW.id IS OLD.id AND NEW.organization_id IS OLD.organization_id AND NEW.engagement_id IS OLD.engagement_id
  AND NEW.terms_version IS OLD.terms_version AND NEW.decision IS OLD.decision
  AND NEW.language IS OLD.language AND NEW.decided_by_user_id IS OLD.decided_by_user_id
  AND NEW.created_at IS OLD.created_at AND NEW.method IS OLD.method AND NEW.agreed_on IS OLD.agreed_on
  AND NEW.witness_user_id IS OLD.witness_user_id AND NEW.paper_form_location IS OLD.paper_form_location
  AND NEW.message IS NULL AND NEW.method_detail IS NULL
  AND (
    NEW.terms_snapshot IS OLD.terms_snapshot
    OR (
      json_valid(NEW.terms_snapshot) IS 1
      AND json_type(OLD.terms_snapshot, '$.supportPlan') IS 'array'
      AND json_type(NEW.terms_snapshot, '$.supportPlan') IS 'array'
      AND json_remove(NEW.terms_snapshot, '$.supportPlan') IS json_remove(OLD.terms_snapshot, '$.supportPlan')
      AND json_array_length(NEW.terms_snapshot, '$.supportPlan') IS json_array_length(OLD.terms_snapshot, '$.supportPlan')
      AND NOT EXISTS (
        SELECT 1 FROM json_each(OLD.terms_snapshot, '$.supportPlan') AS item
        WHERE json_extract(NEW.terms_snapshot, item.fullkey) IS NOT (
          CASE WHEN item.type = 'object'
            THEN json_set(item.value, '$.language', NULL, '$.arrangement', NULL, '$.declineReason', NULL)
            ELSE json_extract(OLD.terms_snapshot, item.fullkey)
          END
        )
      )
    )
  )
  AND EXISTS (
    SELECT 1 FROM engagements e JOIN consultants c ON c.id = e.consultant_id
    WHERE e.id = OLD.engagement_id AND c.erased_at IS NOT NULL
  )
)
BEGIN
  SELECT RAISE(ABORT, 'engagement_agreements is append-only');
END;
