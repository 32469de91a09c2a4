type Row = Record<string, unknown>;

function table(name: string) {
  return {
    findMany: async (_q?: Row): Promise<Row[]> => [{ table: name }],
    create: async (q: { data: Row }): Promise<Row> => q.data,
    update: async (q: { where: Row; data: Row }): Promise<Row> => q.data,
    delete: async (q: { where: Row }): Promise<Row> => q.where,
  };
}

export const db = { user: table('users'), post: table('posts'), invoice: table('invoices'), report: table('reports') };
