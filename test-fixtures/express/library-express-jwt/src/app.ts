import express, { Router } from 'express';
import { expressjwt } from 'express-jwt';
import jwksRsa from 'jwks-rsa';

/** Tokens issued to partner machines; the name says nothing about auth on purpose. */
const partnerToken = expressjwt({
  secret: jwksRsa.expressJwtSecret({ jwksUri: 'https://auth.example.com/.well-known/jwks.json', cache: true, rateLimit: true }),
  audience: 'https://api.example.com',
  issuer: 'https://auth.example.com/',
  algorithms: ['RS256'],
});

const partners = Router();

// expect-none: missing-auth -- guarded at the mount
partners.post('/shipments', (req, res) => {
  res.status(201).json({ reference: req.body.reference });
});

// expect: missing-security-headers
const app = express();
app.use(express.json());
app.use('/partners', partnerToken, partners);

// expect-none: missing-auth
app.post('/api/devices', expressjwt({ secret: process.env.JWT_SECRET!, algorithms: ['HS256'] }), (req, res) => {
  res.status(201).json({ pushToken: req.body.pushToken });
});

// expect: missing-authz -- a delete behind authentication only
// expect-none: missing-auth
app.delete('/api/devices/:id', partnerToken, (req, res) => {
  res.status(204).json({ removed: req.params.id });
});

// expect: missing-auth
app.patch('/api/devices/:id', (req, res) => {
  res.json({ id: req.params.id, name: req.body.name });
});

app.listen(3000);
