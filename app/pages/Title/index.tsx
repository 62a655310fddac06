import type { PageProps } from '../../lib/router.tsx';

// Scaffolding: replaced by the Title page (issue 5).
export default function Title(_: PageProps) {
  return <h1>Title</h1>;
}
