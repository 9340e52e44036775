CREATE TABLE `activity_types` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`stage` text NOT NULL,
	`label` text NOT NULL,
	`archived_at` integer,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `activity_types_unique` ON `activity_types` (`organization_id`,`stage`,`label`);--> statement-breakpoint
CREATE TABLE `engagement_agreements` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`engagement_id` text NOT NULL,
	`terms_version` integer NOT NULL,
	`decision` text NOT NULL,
	`message` text,
	`terms_snapshot` text NOT NULL,
	`decided_by_user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`engagement_id`) REFERENCES `engagements`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`decided_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `engagement_agreements_engagement_idx` ON `engagement_agreements` (`engagement_id`,`terms_version`);--> statement-breakpoint
CREATE TABLE `engagements` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`consultant_id` text NOT NULL,
	`program_id` text NOT NULL,
	`stage` text NOT NULL,
	`activity_type_id` text,
	`role` text,
	`level` text NOT NULL,
	`title` text NOT NULL,
	`scope_what` text NOT NULL,
	`scope_when` text,
	`scope_where` text,
	`format` text,
	`start_date` text,
	`end_date` text,
	`rate_kind` text NOT NULL,
	`rate_cents` integer NOT NULL,
	`estimated_hundredths` integer,
	`covers_preparation` integer DEFAULT true NOT NULL,
	`covers_travel` integer DEFAULT true NOT NULL,
	`covers_debrief` integer DEFAULT true NOT NULL,
	`expenses_policy` text,
	`payment_due_days` integer NOT NULL,
	`cancellation_terms` text,
	`status` text DEFAULT 'proposed' NOT NULL,
	`cancellation_reason` text,
	`cancellation_fee_cents` integer,
	`completed_at` integer,
	`terms_version` integer DEFAULT 1 NOT NULL,
	`creation_key` text,
	`created_by_user_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`consultant_id`) REFERENCES `consultants`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`activity_type_id`) REFERENCES `activity_types`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `engagements_org_creation_key_unique` ON `engagements` (`organization_id`,`creation_key`);--> statement-breakpoint
CREATE INDEX `engagements_org_consultant_idx` ON `engagements` (`organization_id`,`consultant_id`);--> statement-breakpoint
CREATE INDEX `engagements_org_program_idx` ON `engagements` (`organization_id`,`program_id`,`stage`);--> statement-breakpoint
CREATE TABLE `organization_settings` (
	`organization_id` text PRIMARY KEY NOT NULL,
	`default_hourly_rate_cents` integer DEFAULT 5700 NOT NULL,
	`payment_due_days` integer DEFAULT 30 NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE TABLE `payments` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`engagement_id` text NOT NULL,
	`consultant_id` text NOT NULL,
	`fee_cents` integer NOT NULL,
	`expenses_cents` integer DEFAULT 0 NOT NULL,
	`method` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`consultant_choice` text,
	`due_date` text,
	`paid_date` text,
	`reference` text,
	`void_reason` text,
	`creation_key` text,
	`created_by_user_id` text,
	`approved_by_user_id` text,
	`approved_at` integer,
	`paid_by_user_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`engagement_id`) REFERENCES `engagements`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`consultant_id`) REFERENCES `consultants`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`approved_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`paid_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payments_org_creation_key_unique` ON `payments` (`organization_id`,`creation_key`);--> statement-breakpoint
CREATE INDEX `payments_org_status_idx` ON `payments` (`organization_id`,`status`,`due_date`);--> statement-breakpoint
CREATE INDEX `payments_org_consultant_paid_idx` ON `payments` (`organization_id`,`consultant_id`,`paid_date`);--> statement-breakpoint
CREATE INDEX `payments_engagement_idx` ON `payments` (`engagement_id`);--> statement-breakpoint
CREATE TABLE `programs` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `programs_org_name_unique` ON `programs` (`organization_id`,`name`);--> statement-breakpoint
CREATE TABLE `tax_year_thresholds` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`tax_year` integer NOT NULL,
	`threshold_cents` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tax_year_thresholds_unique` ON `tax_year_thresholds` (`organization_id`,`tax_year`);--> statement-breakpoint
CREATE TABLE `time_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`engagement_id` text NOT NULL,
	`work_date` text NOT NULL,
	`hundredths` integer NOT NULL,
	`kind` text NOT NULL,
	`note` text,
	`status` text DEFAULT 'submitted' NOT NULL,
	`corrects_entry_id` text,
	`logged_by_user_id` text,
	`approved_by_user_id` text,
	`approved_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`engagement_id`) REFERENCES `engagements`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`corrects_entry_id`) REFERENCES `time_entries`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`logged_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`approved_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `time_entries_engagement_idx` ON `time_entries` (`engagement_id`,`work_date`);