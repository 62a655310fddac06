import type { PageProps } from '../../lib/router.tsx';

// Scaffolding: replaced by the Studio page (issue 5).
export default function Studio(_: PageProps) {
  return <h1>Studio</h1>;
}
