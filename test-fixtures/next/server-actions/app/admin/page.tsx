import { db } from '../../lib/db';
import { signOut } from '../../auth';

export default async function AdminPage() {
  // expect: missing-auth -- an inline server action: a POST endpoint with no check
  async function purgeUsers(formData: FormData) {
    'use server';
    await db.user.delete({ where: { id: String(formData.get('id')) } });
  }

  return (
    <main>
      <form action={purgeUsers}>
        <input name="id" />
        <button type="submit">Delete user</button>
      </form>
      <form
        // expect-none: missing-auth -- an inline sign-out action is public by design
        action={async () => {
          'use server';
          await signOut({ redirectTo: '/' });
        }}
      >
        <button type="submit">Sign out</button>
      </form>
    </main>
  );
}
