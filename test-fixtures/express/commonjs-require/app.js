const express = require('express');
const authRouter = require('./routes/auth');
const usersRouter = require('./routes/users');

// expect: missing-security-headers
const app = express();
app.use(express.json({ limit: '200kb' }));

app.use('/auth', authRouter);
app.use('/users', usersRouter);

// expect-none: missing-auth
app.get('/', (_req, res) => {
  res.send('ok');
});

app.listen(process.env.PORT || 3000, () => {
  console.log('listening');
});
