import type { NextApiRequest, NextApiResponse } from 'next';

// expect-none: missing-auth -- the create-next-app template: reads nothing, writes nothing (listed as GET)
export default function handler(_req: NextApiRequest, res: NextApiResponse) {
  res.status(200).json({ name: 'John Doe' });
}
