ALTER TABLE `time_entries` ADD `creation_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `time_entries_org_creation_key_unique` ON `time_entries` (`organization_id`,`creation_key`);