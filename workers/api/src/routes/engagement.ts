import { router } from '../router.ts';

export const engagementRoutes = router();
