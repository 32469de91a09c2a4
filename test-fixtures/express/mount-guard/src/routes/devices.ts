import { Router } from 'express';

const devices = Router();

// expect: missing-auth -- mounted twice; the /mobile/v0 mount has no guard
devices.post('/devices', (req, res) => {
  res.status(201).json({ pushToken: req.body.pushToken });
});

export default devices;
