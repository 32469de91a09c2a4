export interface User {
  id: string;
  email: string;
  name: string;
}

export interface Order {
  id: string;
  userId: string;
  totalCents: number;
}

const users = new Map<string, User>();
const orders = new Map<string, Order>();

export const store = {
  users,
  orders,
  newId: () => crypto.randomUUID(),
};
