CREATE TABLE `field_encryption_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`every_column_sealed_at` integer NOT NULL,
	CONSTRAINT "field_encryption_state_one_row" CHECK("field_encryption_state"."id" = 1)
);
