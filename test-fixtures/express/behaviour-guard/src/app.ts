import express from 'express';
import { auditTrail, bouncer, gatekeeper, maintenanceWindow, staffPass } from './gates.js';

// expect: missing-security-headers
const app = express();
app.use(express.json());

// expect-none: missing-auth -- gatekeeper reads the Authorization header, answers 401 and calls next
app.post('/api/shipments', gatekeeper, (req, res) => {
  res.status(201).json({ trackingId: crypto.randomUUID(), to: req.body.address });
});

// expect: missing-authz -- a delete behind authentication only: no role check and no owner in a query
// expect-none: missing-auth -- verify inside try, 401 in the catch
app.delete('/api/shipments/:id', staffPass, (req, res) => {
  res.status(204).json({ cancelled: req.params.id });
});

// expect-none: missing-auth -- next(createError(401)) denies as well
app.put('/api/shipments/:id', bouncer, (req, res) => {
  res.json({ id: req.params.id, address: req.body.address });
});

// expect: missing-auth -- auditTrail reads the header but lets everyone through
app.post('/api/returns', auditTrail, (req, res) => {
  res.status(201).json({ rma: crypto.randomUUID(), order: req.body.orderId });
});

// expect: missing-auth -- a 503 gate is not an auth gate
app.patch('/api/returns/:id', maintenanceWindow, (req, res) => {
  res.json({ id: req.params.id, status: req.body.status });
});

// expect-none: missing-auth -- the handler itself verifies the key and answers 401
app.post('/api/labels', (req, res) => {
  if (req.get('x-api-key') !== process.env.LABELS_API_KEY) {
    return res.status(401).json({ error: 'bad key' });
  }
  res.status(201).json({ label: 'ZPL...' });
});

app.listen(3000);
