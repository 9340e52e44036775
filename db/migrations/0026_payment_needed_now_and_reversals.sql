CREATE TABLE `payment_reversals` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`payment_id` text NOT NULL,
	`former_paid_date` text NOT NULL,
	`former_paid_by_user_id` text,
	`reason` text,
	`reversed_by_user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`former_paid_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`reversed_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `payment_reversals_payment_idx` ON `payment_reversals` (`payment_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `payments` ADD `needed_now_at` integer;--> statement-breakpoint
CREATE INDEX `payments_org_needed_now_idx` ON `payments` (`organization_id`,`needed_now_at`) WHERE needed_now_at is not null;--> statement-breakpoint
CREATE INDEX `audit_events_subject_idx` ON `audit_events` (`organization_id`,`subject_type`,`subject_id`);--> statement-breakpoint
-- A reversed "paid" is evidence, like the audit log: never removed, and never rewritten except that
-- its reason (free text) may be emptied once the consultant's record is erased at their request.
CREATE TRIGGER payment_reversals_no_update BEFORE UPDATE ON payment_reversals
WHEN NOT (
  NEW.id IS OLD.id AND NEW.organization_id IS OLD.organization_id AND NEW.payment_id IS OLD.payment_id
  AND NEW.former_paid_date IS OLD.former_paid_date AND NEW.former_paid_by_user_id IS OLD.former_paid_by_user_id
  AND NEW.reversed_by_user_id IS OLD.reversed_by_user_id AND NEW.created_at IS OLD.created_at
  AND NEW.reason IS NULL
  AND EXISTS (
    SELECT 1 FROM payments p JOIN consultants c ON c.id = p.consultant_id
    WHERE p.id = OLD.payment_id AND c.erased_at IS NOT NULL
  )
)
BEGIN
  SELECT RAISE(ABORT, 'payment_reversals is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER payment_reversals_no_delete BEFORE DELETE ON payment_reversals
BEGIN
  SELECT RAISE(ABORT, 'payment_reversals is append-only');
END;
