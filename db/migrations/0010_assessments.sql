CREATE TABLE `assessment_answers` (
	`assessment_id` text NOT NULL,
	`item_key` text NOT NULL,
	`value` text NOT NULL,
	`updated_by_user_id` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`updated_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessment_answers_unique` ON `assessment_answers` (`assessment_id`,`item_key`);--> statement-breakpoint
CREATE TABLE `assessment_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`version` integer NOT NULL,
	`title` text NOT NULL,
	`definition` text NOT NULL,
	`checksum` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessment_templates_key_version_unique` ON `assessment_templates` (`key`,`version`);--> statement-breakpoint
CREATE TABLE `assessments` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`template_id` text NOT NULL,
	`title` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`started_by_user_id` text,
	`completed_at` integer,
	`completed_by_user_id` text,
	`creation_key` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`template_id`) REFERENCES `assessment_templates`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`started_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`completed_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `assessments_org_template_idx` ON `assessments` (`organization_id`,`template_id`,`status`,`completed_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `assessments_org_creation_key_unique` ON `assessments` (`organization_id`,`creation_key`);