export const apiKeys = new Set((process.env.API_KEYS ?? '').split(',').filter(Boolean));
