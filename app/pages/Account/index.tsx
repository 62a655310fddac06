import type { PageProps } from '../../lib/router.tsx';

// Scaffolding: replaced by the Account page (issue 5).
export default function Account(_: PageProps) {
  return <h1>Account</h1>;
}
