import type { PageProps } from '../../lib/router.tsx';

// Scaffolding: replaced by the Browse page (issue 5).
export default function Browse(_: PageProps) {
  return <h1>Browse</h1>;
}
