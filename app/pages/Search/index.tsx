import type { PageProps } from '../../lib/router.tsx';

// Scaffolding: replaced by the Search page (issue 5).
export default function Search(_: PageProps) {
  return <h1>Search</h1>;
}
