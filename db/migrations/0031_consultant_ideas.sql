PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_program_inputs` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`program_id` text,
	`stage` text,
	`consultant_id` text,
	`engagement_id` text,
	`source` text DEFAULT 'staff' NOT NULL,
	`kind` text,
	`anonymous` integer DEFAULT false NOT NULL,
	`receipt_digest` text,
	`summary` text NOT NULL,
	`received_on` text NOT NULL,
	`status` text DEFAULT 'received' NOT NULL,
	`decision` text,
	`response` text,
	`decided_on` text,
	`reported_back_on` text,
	`reported_back_how` text,
	`answer_read_at` integer,
	`created_by_user_id` text,
	`creation_key` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`consultant_id`) REFERENCES `consultants`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`engagement_id`) REFERENCES `engagements`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "program_inputs_anonymous_names_nobody" CHECK(("anonymous" = 1) = ("consultant_id" is null)),
	CONSTRAINT "program_inputs_staff_program_stage" CHECK("source" = 'portal' or ("program_id" is not null and "stage" is not null))
);
--> statement-breakpoint
-- Every item so far was written down by staff, named, about a program and a stage.
INSERT INTO `__new_program_inputs`("id", "organization_id", "program_id", "stage", "consultant_id", "engagement_id", "summary", "received_on", "status", "decision", "response", "decided_on", "reported_back_on", "reported_back_how", "created_by_user_id", "creation_key", "created_at", "updated_at") SELECT "id", "organization_id", "program_id", "stage", "consultant_id", "engagement_id", "summary", "received_on", "status", "decision", "response", "decided_on", "reported_back_on", "reported_back_how", "created_by_user_id", "creation_key", "created_at", "updated_at" FROM `program_inputs`;--> statement-breakpoint
DROP TABLE `program_inputs`;--> statement-breakpoint
ALTER TABLE `__new_program_inputs` RENAME TO `program_inputs`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `program_inputs_org_program_idx` ON `program_inputs` (`organization_id`,`program_id`,`status`);--> statement-breakpoint
CREATE INDEX `program_inputs_consultant_idx` ON `program_inputs` (`consultant_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `program_inputs_org_creation_key_unique` ON `program_inputs` (`organization_id`,`creation_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `program_inputs_receipt_digest_unique` ON `program_inputs` (`receipt_digest`);