const express = require('express');
const session = require('express-session');
const { adminRouter } = require('./routes/admin');
const { billingRouter } = require('./routes/billing');
const { requireStaff } = require('./middleware/staff.cjs');

// expect: missing-security-headers
const app = express();
app.use(express.json());
// expect: insecure-cookie -- express-session without cookie.secure/sameSite
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));

app.use('/admin', requireStaff, adminRouter);
app.use('/billing', billingRouter);

module.exports = app;
