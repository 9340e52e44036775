CREATE TABLE `checklist_items` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`label` text NOT NULL,
	`position` integer NOT NULL,
	`system_key` text,
	`archived_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `checklist_items_org_idx` ON `checklist_items` (`organization_id`,`position`);--> statement-breakpoint
CREATE TABLE `consultant_checklist_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`consultant_id` text NOT NULL,
	`item_id` text NOT NULL,
	`done_at` integer,
	`done_by_user_id` text,
	`note` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`consultant_id`) REFERENCES `consultants`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`item_id`) REFERENCES `checklist_items`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`done_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `consultant_checklist_unique` ON `consultant_checklist_entries` (`consultant_id`,`item_id`);--> statement-breakpoint
CREATE TABLE `consultant_status_changes` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`consultant_id` text NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`reason` text,
	`changed_by_user_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`consultant_id`) REFERENCES `consultants`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`changed_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `consultant_status_changes_consultant_idx` ON `consultant_status_changes` (`consultant_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `consultants` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`user_id` text,
	`status` text DEFAULT 'prospect' NOT NULL,
	`preferred_name` text NOT NULL,
	`pronouns` text,
	`legal_name` text,
	`email` text,
	`phone` text,
	`preferred_channel` text,
	`email_safety` text DEFAULT 'ask_first' NOT NULL,
	`phone_safety` text DEFAULT 'ask_first' NOT NULL,
	`text_safety` text DEFAULT 'ask_first' NOT NULL,
	`mail_safety` text DEFAULT 'ask_first' NOT NULL,
	`languages` text DEFAULT '[]' NOT NULL,
	`location` text,
	`expertise` text DEFAULT '[]' NOT NULL,
	`availability` text,
	`access_needs` text,
	`interpreter_language` text,
	`needs_childcare` integer DEFAULT false NOT NULL,
	`needs_transport` integer DEFAULT false NOT NULL,
	`support_person` text,
	`payment_method` text DEFAULT 'undecided' NOT NULL,
	`wants_benefits_note` integer DEFAULT false NOT NULL,
	`staff_notes` text,
	`created_by_user_id` text,
	`creation_key` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `consultants_org_creation_key_unique` ON `consultants` (`organization_id`,`creation_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `consultants_org_email_unique` ON `consultants` (`organization_id`,`email`) WHERE email is not null;--> statement-breakpoint
CREATE UNIQUE INDEX `consultants_org_user_unique` ON `consultants` (`organization_id`,`user_id`) WHERE user_id is not null;--> statement-breakpoint
CREATE INDEX `consultants_org_name_idx` ON `consultants` (`organization_id`,`preferred_name`);--> statement-breakpoint
CREATE INDEX `consultants_user_idx` ON `consultants` (`user_id`);--> statement-breakpoint
ALTER TABLE `invitations` ADD `consultant_id` text REFERENCES consultants(id);