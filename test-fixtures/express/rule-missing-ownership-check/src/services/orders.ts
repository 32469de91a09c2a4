import { db } from '../db.js';

export async function getOrderById(id: string) {
  return db('orders').where({ id }).first();
}

export async function getOrderForCustomer(id: string, customerId: string) {
  return db('orders').where({ id, customer_id: customerId }).first();
}

export async function loadShipment(id: string) {
  return db('shipments').where({ id }).first();
}
