CREATE TABLE `service_nonces` (
	`nonce` text PRIMARY KEY NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `service_nonces_expires_idx` ON `service_nonces` (`expires_at`);--> statement-breakpoint
ALTER TABLE `jobs` ADD `asset_id` text;