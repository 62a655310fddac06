import type { PageProps } from '../../lib/router.tsx';

// Scaffolding: replaced by the Series page (issue 5).
export default function Series(_: PageProps) {
  return <h1>Series</h1>;
}
