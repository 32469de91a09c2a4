import { config } from '../config.js';
import { logger } from './logger.js';

export interface ShipmentStatus {
  reference: string;
  status: 'created' | 'in_transit' | 'delivered' | 'exception';
  updatedAt: string;
}

/** Looks up a shipment at the logistics partner. The API key travels in a header over config.partnerApiUrl. */
export async function fetchShipmentStatus(reference: string): Promise<ShipmentStatus> {
  const response = await fetch(`${config.partnerApiUrl}/shipments/${encodeURIComponent(reference)}`, {
    headers: { 'x-api-key': config.partnerApiKey, accept: 'application/json' },
  });
  if (!response.ok) {
    logger.warn({ status: response.status, reference }, 'partner lookup failed');
    throw new Error(`partner API answered ${response.status}`);
  }
  return (await response.json()) as ShipmentStatus;
}
