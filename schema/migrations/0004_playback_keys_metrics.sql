CREATE TABLE `media_keys` (
	`attempt_id` text NOT NULL,
	`video_id` text NOT NULL,
	`tier` text NOT NULL,
	`wrapped` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`attempt_id`, `tier`),
	FOREIGN KEY (`video_id`) REFERENCES `videos`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `metrics_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`at` integer NOT NULL,
	`video_id` text,
	`session_id` text,
	`data` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `metrics_events_at_idx` ON `metrics_events` (`at`);--> statement-breakpoint
CREATE INDEX `metrics_events_video_idx` ON `metrics_events` (`video_id`,`at`);--> statement-breakpoint
CREATE TABLE `playback_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`video_id` text NOT NULL,
	`asset_id` text NOT NULL,
	`user_id` text,
	`auth_session_id` text,
	`privileged` integer DEFAULT false NOT NULL,
	`device_label` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`video_id`) REFERENCES `videos`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `playback_sessions_user_idx` ON `playback_sessions` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `playback_sessions_expires_idx` ON `playback_sessions` (`expires_at`);