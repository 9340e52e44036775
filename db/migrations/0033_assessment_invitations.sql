CREATE TABLE `assessment_invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`assessment_id` text NOT NULL,
	`consultant_id` text NOT NULL,
	`invited_by_user_id` text NOT NULL,
	`engagement_id` text,
	`answer_as` text,
	`answered` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`consultant_id`) REFERENCES `consultants`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`invited_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`engagement_id`) REFERENCES `engagements`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessment_invitations_consultant_unique` ON `assessment_invitations` (`assessment_id`,`consultant_id`);--> statement-breakpoint
CREATE INDEX `assessment_invitations_consultant_idx` ON `assessment_invitations` (`consultant_id`,`answered`);