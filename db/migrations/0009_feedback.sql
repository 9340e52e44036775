CREATE TABLE `experience_feedback` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`program_id` text NOT NULL,
	`stage` text NOT NULL,
	`quarter` text NOT NULL,
	`anonymous` integer NOT NULL,
	`consultant_id` text,
	`engagement_id` text,
	`source` text NOT NULL,
	`meaningful` integer,
	`respected` integer,
	`fair_pay` integer,
	`on_time` integer,
	`clear_scope` integer,
	`safe` integer,
	`again` integer,
	`comment` text,
	`recorded_by_user_id` text,
	`read_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`consultant_id`) REFERENCES `consultants`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`engagement_id`) REFERENCES `engagements`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`recorded_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `experience_feedback_org_program_idx` ON `experience_feedback` (`organization_id`,`program_id`,`stage`,`quarter`);--> statement-breakpoint
CREATE UNIQUE INDEX `experience_feedback_engagement_unique` ON `experience_feedback` (`engagement_id`) WHERE engagement_id is not null;--> statement-breakpoint
CREATE TABLE `feedback_submissions` (
	`engagement_id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`consultant_id` text NOT NULL,
	`feedback_id` text NOT NULL,
	FOREIGN KEY (`engagement_id`) REFERENCES `engagements`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`consultant_id`) REFERENCES `consultants`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`feedback_id`) REFERENCES `experience_feedback`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `feedback_submissions_consultant_idx` ON `feedback_submissions` (`consultant_id`);--> statement-breakpoint
CREATE TABLE `program_inputs` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`program_id` text NOT NULL,
	`stage` text NOT NULL,
	`consultant_id` text NOT NULL,
	`engagement_id` text,
	`summary` text NOT NULL,
	`received_on` text NOT NULL,
	`status` text DEFAULT 'received' NOT NULL,
	`decision` text,
	`response` text,
	`decided_on` text,
	`reported_back_on` text,
	`reported_back_how` text,
	`created_by_user_id` text,
	`creation_key` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`consultant_id`) REFERENCES `consultants`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`engagement_id`) REFERENCES `engagements`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `program_inputs_org_program_idx` ON `program_inputs` (`organization_id`,`program_id`,`status`);--> statement-breakpoint
CREATE INDEX `program_inputs_consultant_idx` ON `program_inputs` (`consultant_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `program_inputs_org_creation_key_unique` ON `program_inputs` (`organization_id`,`creation_key`);