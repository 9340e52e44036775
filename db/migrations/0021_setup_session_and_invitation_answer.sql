ALTER TABLE `invitations` ADD `responded_at` integer;--> statement-breakpoint
ALTER TABLE `two_factor_credentials` ADD `setup_session_id` text;