-- Sessions are now stored by the digest of their token, and know whether they passed the second
-- step. Sessions from before hold the token itself: they are ended (everyone signs in again once).
DELETE FROM `sessions`;--> statement-breakpoint
ALTER TABLE `sessions` ADD `second_factor_at` integer;
