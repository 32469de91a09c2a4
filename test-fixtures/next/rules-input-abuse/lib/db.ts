type Row = Record<string, unknown>;

function table(name: string) {
  return {
    findMany: async (_q?: Row): Promise<Row[]> => [{ table: name }],
    findUnique: async (_q: Row): Promise<Row | null> => ({ table: name }),
    findFirst: async (_q: Row): Promise<Row | null> => ({ table: name }),
    create: async (q: { data: Row }): Promise<Row> => q.data,
    update: async (q: { where: Row; data: Row }): Promise<Row> => q.data,
    delete: async (q: { where: Row }): Promise<Row> => q.where,
  };
}

export const db = { post: table('posts'), comment: table('comments'), user: table('users'), resetToken: table('reset_tokens'), payment: table('payments'), upload: table('uploads') };
