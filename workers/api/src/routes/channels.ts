import { router } from '../router.ts';

export const channelsRoutes = router();
