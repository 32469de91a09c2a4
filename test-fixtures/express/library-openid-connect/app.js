const express = require('express');
const { auth, claimEquals, requiresAuth } = require('express-openid-connect');

// expect: missing-security-headers
const app = express();
app.use(express.urlencoded({ extended: false }));

// Establishes a session when there is one; with authRequired: false it lets everyone through.
app.use(
  auth({
    authRequired: false,
    issuerBaseURL: 'https://tenant.eu.auth0.com',
    baseURL: 'https://dashboard.example.com',
    clientID: process.env.OIDC_CLIENT_ID,
    secret: process.env.OIDC_SECRET,
  }),
);

// expect-none: missing-auth
app.get('/', (req, res) => {
  res.send(req.oidc.isAuthenticated() ? 'Welcome back' : 'Hello');
});

// expect-none: missing-auth
app.get('/profile', requiresAuth(), (req, res) => {
  res.json(req.oidc.user);
});

// expect-none: missing-auth
app.delete('/settings/sessions', requiresAuth(), (req, res) => {
  res.status(204).json({ user: req.oidc.user.sub });
});

// expect-none: missing-auth -- a claim check implies authentication
app.post('/admin/flags', claimEquals('role', 'admin'), (req, res) => {
  res.json({ flag: req.body.flag, enabled: req.body.enabled === 'on' });
});

// expect: missing-auth -- the global auth({ authRequired: false }) is not a guard
app.post('/settings/theme', (req, res) => {
  res.json({ theme: req.body.theme });
});

module.exports = app;
