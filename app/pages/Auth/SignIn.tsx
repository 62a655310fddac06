import type { PageProps } from '../../lib/router.tsx';

// Scaffolding: replaced by the SignIn page (issue 5).
export default function SignIn(_: PageProps) {
  return <h1>SignIn</h1>;
}
