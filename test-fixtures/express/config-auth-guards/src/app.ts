import { withCrewBadge, withTiming } from '@acme/crew-session';
import express from 'express';

// expect: missing-security-headers
const app = express();
app.use(express.json());

// expect-none: missing-auth -- withCrewBadge is listed in routeguard.config.json
app.post('/api/rosters', withCrewBadge, (req, res) => {
  res.status(201).json({ shift: req.body.shift });
});

// expect: missing-auth -- another export of the same package is not a guard
app.put('/api/rosters/:id', withTiming, (req, res) => {
  res.json({ id: req.params.id, shift: req.body.shift });
});

const shifts = express.Router();

// expect: missing-authz -- a delete behind authentication only
// expect-none: missing-auth -- the configured guard at the mount below
shifts.delete('/:id', (req, res) => {
  res.status(204).json({ removed: req.params.id });
});

app.use('/api/shifts', withCrewBadge, shifts);

app.listen(3000);
