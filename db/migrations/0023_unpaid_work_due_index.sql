CREATE INDEX `engagements_org_status_due_idx` ON `engagements` (`organization_id`,`status`,date("completed_at" / 1000, 'unixepoch', '+' || "payment_due_days" || ' days'));
