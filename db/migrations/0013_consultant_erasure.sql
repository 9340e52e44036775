CREATE TABLE `erasure_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`consultant_id` text NOT NULL,
	`channel` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`requested_by_user_id` text,
	`completed_at` integer,
	`completed_by_user_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`consultant_id`) REFERENCES `consultants`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`requested_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`completed_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `erasure_requests_org_status_idx` ON `erasure_requests` (`organization_id`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `erasure_requests_pending_unique` ON `erasure_requests` (`consultant_id`) WHERE status = 'pending';--> statement-breakpoint
ALTER TABLE `consultants` ADD `erased_at` integer;--> statement-breakpoint
ALTER TABLE `consultants` ADD `erased_by_user_id` text REFERENCES users(id);