import type { PageProps } from '../../lib/router.tsx';

// Scaffolding: replaced by the SignUp page (issue 5).
export default function SignUp(_: PageProps) {
  return <h1>SignUp</h1>;
}
