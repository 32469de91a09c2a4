import express from 'express';

// expect-none: missing-security-headers -- an app built for a test
const testApp = express();
testApp.get('/ping', (_req, res) => res.send('pong'));

export default testApp;
