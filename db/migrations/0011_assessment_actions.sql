CREATE TABLE `assessment_actions` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`assessment_id` text NOT NULL,
	`item_key` text NOT NULL,
	`title` text NOT NULL,
	`owner_user_id` text,
	`due_date` text,
	`status` text DEFAULT 'open' NOT NULL,
	`created_by_user_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`owner_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessment_actions_item_unique` ON `assessment_actions` (`assessment_id`,`item_key`);--> statement-breakpoint
CREATE INDEX `assessment_actions_org_status_idx` ON `assessment_actions` (`organization_id`,`status`);