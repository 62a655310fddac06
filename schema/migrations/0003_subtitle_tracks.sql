CREATE TABLE `subtitle_tracks` (
	`video_id` text NOT NULL,
	`language` text NOT NULL,
	`label` text NOT NULL,
	`format` text NOT NULL,
	`key` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`video_id`, `language`),
	FOREIGN KEY (`video_id`) REFERENCES `videos`(`id`) ON UPDATE no action ON DELETE cascade
);
