import OpenAI from 'openai';

// expect: hardcoded-secret -- an OpenAI key read under a NEXT_PUBLIC_ name is in the browser bundle
export const openai = new OpenAI({ apiKey: process.env.NEXT_PUBLIC_OPENAI_API_KEY });

// expect-none: hardcoded-secret -- Firebase web API keys are public by design
export const firebaseConfig = { apiKey: process.env.NEXT_PUBLIC_FIREBASE_API_KEY, projectId: 'shop' };

export async function stockLevel(sku: string): Promise<number> {
  // expect: insecure-transport
  const res = await fetch('http://inventory.acme-shop.io/api/stock?sku=' + encodeURIComponent(sku));
  return (await res.json()).level;
}

export async function devStockLevel(sku: string): Promise<number> {
  // expect-none: insecure-transport
  const res = await fetch('http://localhost:4000/api/stock?sku=' + encodeURIComponent(sku));
  return (await res.json()).level;
}
