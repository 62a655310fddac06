import type { PageProps } from '../../lib/router.tsx';

// Scaffolding: replaced by the Watch page (issue 5).
export default function Watch(_: PageProps) {
  return <h1>Watch</h1>;
}
