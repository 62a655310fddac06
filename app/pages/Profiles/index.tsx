import type { PageProps } from '../../lib/router.tsx';

// Scaffolding: replaced by the Profiles page (issue 5).
export default function Profiles(_: PageProps) {
  return <h1>Profiles</h1>;
}
