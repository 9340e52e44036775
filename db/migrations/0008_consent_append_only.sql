-- Consent history is never rewritten: a change is a new event, and the words a person agreed to
-- stay exactly as they were.
CREATE TRIGGER consent_events_no_update BEFORE UPDATE ON consent_events
BEGIN
  SELECT RAISE(ABORT, 'consent_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER consent_events_no_delete BEFORE DELETE ON consent_events
BEGIN
  SELECT RAISE(ABORT, 'consent_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER consent_purpose_versions_no_update BEFORE UPDATE ON consent_purpose_versions
BEGIN
  SELECT RAISE(ABORT, 'consent_purpose_versions is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER consent_purpose_versions_no_delete BEFORE DELETE ON consent_purpose_versions
BEGIN
  SELECT RAISE(ABORT, 'consent_purpose_versions is append-only');
END;
