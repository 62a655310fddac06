import type { PageProps } from '../../lib/router.tsx';

// Scaffolding: replaced by the Embed page (issue 5).
export default function Embed(_: PageProps) {
  return <h1>Embed</h1>;
}
