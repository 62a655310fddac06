import type { PageProps } from '../../lib/router.tsx';

// Scaffolding: replaced by the Home page (issue 5).
export default function Home(_: PageProps) {
  return <h1>Home</h1>;
}
