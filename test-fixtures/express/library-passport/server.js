const express = require('express');
const jwt = require('jsonwebtoken');
const passport = require('./passport-setup');
const ordersRouter = require('./routes/orders');

// expect: missing-security-headers
const app = express();
app.use(express.json());
app.use(passport.initialize());

// expect-none: missing-auth -- the local strategy is how one signs in
// expect: missing-rate-limit -- passport local checks a password; nothing limits attempts
app.post('/auth/login', passport.authenticate('local', { session: false }), (req, res) => {
  res.json({ token: jwt.sign({ sub: req.user.id }, process.env.JWT_SECRET, { expiresIn: '1h' }) });
});

// expect: missing-auth -- passport.initialize() authenticates nobody
app.post('/api/feedback', (req, res) => {
  res.status(202).json({ received: req.body.message });
});

app.use('/api/orders', ordersRouter);

app.listen(3000);
