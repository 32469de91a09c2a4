import type { Request, Response } from 'express';
import { users } from '../lib/users.js';

export async function listUsers(_req: Request, res: Response) {
  res.json([...users.values()]);
}

export async function createUser(req: Request, res: Response) {
  const user = { id: crypto.randomUUID(), email: String(req.body.email), role: 'member' as const, locked: false };
  users.set(user.id, user);
  res.status(201).json(user);
}

export const deleteUser = async (req: Request, res: Response) => {
  users.delete(req.params.id!);
  res.sendStatus(204);
};

export async function lockUser(req: Request, res: Response) {
  const user = users.get(req.params.id!);
  if (user) user.locked = true;
  res.sendStatus(204);
}

export async function unlockUser(req: Request, res: Response) {
  const user = users.get(req.params.id!);
  if (user) user.locked = false;
  res.sendStatus(204);
}

/** Checks the session itself instead of relying on middleware. */
export async function updateProfile(req: Request, res: Response) {
  const userId = req.session.userId;
  if (!userId) return res.status(401).json({ error: 'sign in required' });
  const user = users.get(userId);
  if (!user) return res.sendStatus(404);
  user.email = String(req.body.email);
  res.json(user);
}

export async function recentSignups(_req: Request, res: Response) {
  res.json([...users.values()].slice(-20));
}
