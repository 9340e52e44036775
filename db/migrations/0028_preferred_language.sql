ALTER TABLE `consultants` ADD `preferred_language` text;--> statement-breakpoint
ALTER TABLE `users` ADD `preferred_language` text;