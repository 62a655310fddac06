import { router } from '../router.ts';

export const profilesRoutes = router();
