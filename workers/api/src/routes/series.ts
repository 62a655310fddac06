import { router } from '../router.ts';

export const seriesRoutes = router();
