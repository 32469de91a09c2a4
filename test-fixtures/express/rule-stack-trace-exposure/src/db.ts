export const db = {
  async findProduct(id: string) {
    return { id, name: 'Lamp' };
  },
  async listOrders() {
    return [];
  },
};
