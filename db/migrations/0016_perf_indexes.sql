CREATE INDEX `consent_events_org_consultant_idx` ON `consent_events` (`organization_id`,`consultant_id`,`purpose_id`);--> statement-breakpoint
CREATE INDEX `payments_org_list_year_idx` ON `payments` (`organization_id`,substr(coalesce("paid_date", "due_date", ''), 1, 4),`due_date`);--> statement-breakpoint
CREATE INDEX `payments_org_paid_year_idx` ON `payments` (`organization_id`,`status`,substr("paid_date", 1, 4),`consultant_id`,`paid_date`,`fee_cents`,`expenses_cents`);
