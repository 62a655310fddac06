import { serviceAuth } from '../middleware/service-auth.ts';
import { router } from '../router.ts';
import { internalJobsRoutes } from './internal-jobs.ts';
import { internalObjectsRoutes } from './internal-objects.ts';
import { internalSourcesRoutes } from './internal-sources.ts';

/**
 * The transcoders' API (mounted at /api/internal; docs/JOBS.md). Job calls and the object ingest are
 * authenticated ONLY by the service signature; source downloads only by their signed URL.
 */
export const internalRoutes = router();
internalRoutes.route('/sources', internalSourcesRoutes);
internalRoutes.use('/jobs/*', serviceAuth);
internalRoutes.route('/jobs', internalJobsRoutes);
internalRoutes.route('/jobs', internalObjectsRoutes);
