import type { NextFunction, Request, Response } from 'express';

export function requireAdmin(req: Request, res: Response, next: NextFunction) {
  const user = req.user as { role?: string } | undefined;
  if (user?.role !== 'admin') return res.status(403).json({ error: 'admins only' });
  next();
}

/** Loads the invoice and lets only its owner through (an ownership guard by behaviour, not by name). */
export async function loadInvoice(req: Request, res: Response, next: NextFunction) {
  const { Invoice } = await import('./models.js');
  const invoice = await Invoice.findById(req.params.id);
  const user = req.user as { id: string } | undefined;
  if (!invoice || String(invoice.owner) !== user?.id) return res.sendStatus(404);
  next();
}
