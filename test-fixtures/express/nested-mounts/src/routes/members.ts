import { Router } from 'express';

const members = Router({ mergeParams: true });

// expect-none: missing-auth -- guarded where orgs mounts it
members.get('/', (req, res) => {
  res.json({ org: req.params.orgId, members: [] });
});

// expect-none: missing-auth -- guarded where orgs mounts it
members.post('/', (req, res) => {
  res.status(201).json({ org: req.params.orgId, email: req.body.email });
});

export default members;
