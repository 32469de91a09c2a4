import { AbilityBuilder, createMongoAbility } from '@casl/ability';
import type { SessionUser } from './middleware/auth.js';

export function abilityFor(user: SessionUser) {
  const { can, build } = new AbilityBuilder(createMongoAbility);
  can('read', 'Board');
  can('delete', 'Board', { ownerId: user.id });
  if (user.role === 'admin') can('manage', 'all');
  return build();
}
