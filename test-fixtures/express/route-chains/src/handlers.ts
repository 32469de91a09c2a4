import type { Request, Response } from 'express';

const reports = new Map<string, { id: string; title: string }>();
const tags = new Set<string>(['billing', 'onboarding']);

export function listReports(_req: Request, res: Response) {
  res.json([...reports.values()]);
}

export function createReport(req: Request, res: Response) {
  const report = { id: crypto.randomUUID(), title: String(req.body.title) };
  reports.set(report.id, report);
  res.status(201).json(report);
}

export function getReport(req: Request, res: Response) {
  const report = reports.get(req.params.id!);
  if (!report) return res.sendStatus(404);
  res.json(report);
}

export function deleteReport(req: Request, res: Response) {
  reports.delete(req.params.id!);
  res.sendStatus(204);
}

export function listTags(_req: Request, res: Response) {
  res.json([...tags]);
}

export function createTag(req: Request, res: Response) {
  tags.add(String(req.body.name));
  res.sendStatus(201);
}
