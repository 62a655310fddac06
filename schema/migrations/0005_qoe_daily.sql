CREATE TABLE `qoe_daily` (
	`video_id` text NOT NULL,
	`day` text NOT NULL,
	`device_class` text NOT NULL,
	`country` text NOT NULL,
	`views` integer NOT NULL,
	`starts` integer NOT NULL,
	`start_failures` integer NOT NULL,
	`exits_before_start` integer NOT NULL,
	`startup_ms_sum` integer NOT NULL,
	`startup_histogram` text NOT NULL,
	`watch_ms` integer NOT NULL,
	`rebuffer_ms` integer NOT NULL,
	`rebuffer_count` integer NOT NULL,
	`bitrate_kbps_ms` integer NOT NULL,
	`bitrate_histogram` text NOT NULL,
	`switches` integer NOT NULL,
	`dropped_frames` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`video_id`, `day`, `device_class`, `country`),
	FOREIGN KEY (`video_id`) REFERENCES `videos`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `qoe_daily_day_idx` ON `qoe_daily` (`day`);