import mongoose from 'mongoose';
import { PrismaClient } from '@prisma/client';
import { drizzle } from 'drizzle-orm/node-postgres';
import { pgTable, text, boolean } from 'drizzle-orm/pg-core';

export const User = mongoose.model('User', new mongoose.Schema({ name: String, email: String, role: { type: String, default: 'member' }, credits: Number }));
export const Task = mongoose.model('Task', new mongoose.Schema({ title: String, done: Boolean, owner: mongoose.Types.ObjectId }));

export const prisma = new PrismaClient();

export const contacts = pgTable('contacts', { id: text('id').primaryKey(), ownerId: text('owner_id'), name: text('name'), vip: boolean('vip') });
export const db = drizzle(process.env.DATABASE_URL!);
