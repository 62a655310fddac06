import { router } from '../router.ts';

export const authRoutes = router();
