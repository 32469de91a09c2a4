import mongoose from 'mongoose';
import mysql from 'mysql2/promise';
import { PrismaClient } from '@prisma/client';

export const prisma = new PrismaClient();
export const pool = mysql.createPool(process.env.DATABASE_URL!);

export const Product = mongoose.model('Product', new mongoose.Schema({ name: String, price: Number, tags: [String] }));
export const Profile = mongoose.model('Profile', new mongoose.Schema({ userId: String, bio: String, website: String }));
