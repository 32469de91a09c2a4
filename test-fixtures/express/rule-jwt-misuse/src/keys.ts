import fs from 'node:fs';

export const publicKey = fs.readFileSync('keys/jwt-public.pem', 'utf8');
export const privateKey = fs.readFileSync('keys/jwt-private.pem', 'utf8');
