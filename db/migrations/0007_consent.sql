CREATE TABLE `consent_events` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`consultant_id` text NOT NULL,
	`purpose_id` text NOT NULL,
	`purpose_version_id` text NOT NULL,
	`kind` text NOT NULL,
	`method` text,
	`scope_notes` text,
	`name_choice` text,
	`witness_name` text,
	`requested_by` text,
	`requested_on` text,
	`expires_on` text,
	`engagement_id` text,
	`recorded_by_user_id` text,
	`creation_key` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`consultant_id`) REFERENCES `consultants`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`purpose_id`) REFERENCES `consent_purposes`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`purpose_version_id`) REFERENCES `consent_purpose_versions`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`engagement_id`) REFERENCES `engagements`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`recorded_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `consent_events_consultant_purpose_idx` ON `consent_events` (`consultant_id`,`purpose_id`);--> statement-breakpoint
CREATE INDEX `consent_events_org_kind_expiry_idx` ON `consent_events` (`organization_id`,`kind`,`expires_on`);--> statement-breakpoint
CREATE UNIQUE INDEX `consent_events_org_creation_key_unique` ON `consent_events` (`organization_id`,`creation_key`);--> statement-breakpoint
CREATE TABLE `consent_purpose_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`purpose_id` text NOT NULL,
	`version` integer NOT NULL,
	`label` text NOT NULL,
	`text` text NOT NULL,
	`created_by_user_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`purpose_id`) REFERENCES `consent_purposes`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `consent_purpose_versions_unique` ON `consent_purpose_versions` (`purpose_id`,`version`);--> statement-breakpoint
CREATE TABLE `consent_purposes` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`system_key` text,
	`position` integer NOT NULL,
	`default_expiry_months` integer,
	`asks_name_choice` integer DEFAULT false NOT NULL,
	`archived_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `consent_purposes_org_key_unique` ON `consent_purposes` (`organization_id`,`system_key`) WHERE system_key is not null;--> statement-breakpoint
CREATE INDEX `consent_purposes_org_idx` ON `consent_purposes` (`organization_id`,`position`);--> statement-breakpoint
CREATE TABLE `consent_uses` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`consultant_id` text NOT NULL,
	`purpose_id` text NOT NULL,
	`description` text NOT NULL,
	`place` text NOT NULL,
	`use_date` text,
	`reference` text,
	`status` text NOT NULL,
	`basis_event_id` text,
	`override_reason` text,
	`override_by_user_id` text,
	`flagged_at` integer,
	`flag_event_id` text,
	`action_taken` text,
	`action_note` text,
	`action_at` integer,
	`action_by_user_id` text,
	`created_by_user_id` text,
	`creation_key` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`consultant_id`) REFERENCES `consultants`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`purpose_id`) REFERENCES `consent_purposes`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`basis_event_id`) REFERENCES `consent_events`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`override_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`flag_event_id`) REFERENCES `consent_events`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`action_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `consent_uses_org_flag_idx` ON `consent_uses` (`organization_id`,`flagged_at`,`action_at`);--> statement-breakpoint
CREATE INDEX `consent_uses_consultant_purpose_idx` ON `consent_uses` (`consultant_id`,`purpose_id`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `consent_uses_org_creation_key_unique` ON `consent_uses` (`organization_id`,`creation_key`);