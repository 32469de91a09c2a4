const express = require('express');
const authenticate = require('./lib/authenticate');

// expect: missing-security-headers
const app = express();
app.use(express.json());

require('./routes/public')(app);

app.use(authenticate);

require('./routes')(app);

app.listen(process.env.PORT || 8080);
