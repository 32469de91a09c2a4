export const createUserSchema = {
  type: 'object',
  required: ['email', 'name'],
  additionalProperties: false,
  properties: {
    email: { type: 'string', format: 'email' },
    name: { type: 'string', minLength: 1 },
  },
} as const;

export const listQuery = {
  type: 'object',
  properties: { page: { type: 'integer', minimum: 1 } },
} as const;
