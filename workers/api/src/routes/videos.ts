import { router } from '../router.ts';

export const videosRoutes = router();
