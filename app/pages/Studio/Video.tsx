import type { PageProps } from '../../lib/router.tsx';

// Scaffolding: replaced by the StudioVideo page (issue 5).
export default function StudioVideo(_: PageProps) {
  return <h1>StudioVideo</h1>;
}
