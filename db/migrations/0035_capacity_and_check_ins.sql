CREATE TABLE `check_in_reminders` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`consultant_id` text NOT NULL,
	`period_from` text NOT NULL,
	`due_on` text NOT NULL,
	`channel` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`consultant_id`) REFERENCES `consultants`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `check_in_reminders_period_unique` ON `check_in_reminders` (`consultant_id`,`period_from`);--> statement-breakpoint
ALTER TABLE `consultants` ADD `availability_state` text DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE `consultants` ADD `monthly_limit_hundredths` integer;--> statement-breakpoint
ALTER TABLE `consultants` ADD `paused_from` text;--> statement-breakpoint
ALTER TABLE `consultants` ADD `paused_until` text;--> statement-breakpoint
ALTER TABLE `consultants` ADD `availability_note` text;--> statement-breakpoint
ALTER TABLE `consultants` ADD `availability_changed_at` integer;--> statement-breakpoint
ALTER TABLE `consultants` ADD `yearly_pay_limit_cents` integer;--> statement-breakpoint
ALTER TABLE `consultants` ADD `last_check_in_on` text;--> statement-breakpoint
ALTER TABLE `organization_settings` ADD `check_in_interval_days` integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE `organization_settings` ADD `benefits_guidance_url` text;