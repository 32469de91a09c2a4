type Row = Record<string, unknown>;

function table(name: string) {
  return {
    create: async (q: { data: Row }): Promise<Row> => q.data,
    delete: async (q: { where: Row }): Promise<Row> => q.where,
  };
}

export const db = { todo: table('todos') };
