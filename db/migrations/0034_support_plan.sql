CREATE TABLE `support_costs` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`support_item_id` text NOT NULL,
	`payment_id` text NOT NULL,
	`created_by_user_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`support_item_id`) REFERENCES `support_items`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `support_costs_item_idx` ON `support_costs` (`support_item_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `support_costs_payment_unique` ON `support_costs` (`payment_id`);--> statement-breakpoint
CREATE TABLE `support_items` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`engagement_id` text NOT NULL,
	`kind` text NOT NULL,
	`language` text,
	`details` text,
	`status` text DEFAULT 'requested' NOT NULL,
	`source` text NOT NULL,
	`arrangement` text,
	`decline_reason` text,
	`created_by_user_id` text,
	`decided_by_user_id` text,
	`decided_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`engagement_id`) REFERENCES `engagements`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`decided_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `support_items_engagement_kind_unique` ON `support_items` (`engagement_id`,`kind`);--> statement-breakpoint
CREATE INDEX `support_items_org_status_idx` ON `support_items` (`organization_id`,`status`);