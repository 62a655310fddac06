import { serviceAuth } from '../middleware/service-auth.ts';
import { router } from '../router.ts';
import { internalJobsRoutes } from './internal-jobs.ts';
import { internalObjectsRoutes } from './internal-objects.ts';
import { internalSourcesRoutes } from './internal-sources.ts';
import { internalSubtitlesRoutes } from './internal-subtitles.ts';

/**
 * The transcoders' API (mounted at /api/internal; docs/JOBS.md). Job calls and the object ingest are
 * authenticated ONLY by the service signature; source and subtitle downloads only by their signed URLs.
 */
export const internalRoutes = router();
internalRoutes.route('/sources', internalSourcesRoutes);
internalRoutes.route('/subtitles', internalSubtitlesRoutes);
internalRoutes.use('/jobs/*', serviceAuth);
internalRoutes.route('/jobs', internalJobsRoutes);
internalRoutes.route('/jobs', internalObjectsRoutes);
