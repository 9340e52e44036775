-- An agreement is what a consultant accepted or declined, word for word: it is never changed or removed.
CREATE TRIGGER engagement_agreements_no_update BEFORE UPDATE ON engagement_agreements
BEGIN
  SELECT RAISE(ABORT, 'engagement_agreements is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER engagement_agreements_no_delete BEFORE DELETE ON engagement_agreements
BEGIN
  SELECT RAISE(ABORT, 'engagement_agreements is append-only');
END;
