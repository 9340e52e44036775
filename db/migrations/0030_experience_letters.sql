CREATE TABLE `experience_letter_codes` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`letter_id` text NOT NULL,
	`code_hash` text NOT NULL,
	`created_by_user_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`letter_id`) REFERENCES `experience_letters`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `experience_letter_codes_hash_unique` ON `experience_letter_codes` (`code_hash`);--> statement-breakpoint
CREATE INDEX `experience_letter_codes_letter_idx` ON `experience_letter_codes` (`letter_id`);--> statement-breakpoint
CREATE TABLE `experience_letters` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`consultant_id` text NOT NULL,
	`status` text DEFAULT 'requested' NOT NULL,
	`include_pay` integer DEFAULT false NOT NULL,
	`include_organization` integer DEFAULT false NOT NULL,
	`requested_by_user_id` text,
	`created_at` integer NOT NULL,
	`withdrawn_at` integer,
	`issued_by_user_id` text,
	`issued_at` integer,
	`issued_on` text,
	`signer_name` text,
	`signer_title` text,
	`statement` text,
	`revoked_at` integer,
	`revoked_by_user_id` text,
	`revoke_reason` text,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`consultant_id`) REFERENCES `consultants`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`requested_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`issued_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`revoked_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `experience_letters_org_consultant_idx` ON `experience_letters` (`organization_id`,`consultant_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `experience_letters_one_waiting_unique` ON `experience_letters` (`consultant_id`) WHERE status = 'requested';