import fp from 'fastify-plugin';

export interface Job {
  id: string;
  title: string;
  technicianId: string | null;
  status: 'open' | 'assigned' | 'done';
}

export interface Technician {
  id: string;
  name: string;
  email: string;
  passwordHash: string;
  role: 'technician' | 'dispatcher' | 'admin';
}

declare module 'fastify' {
  interface FastifyInstance {
    db: {
      jobs: Map<string, Job>;
      technicians: Map<string, Technician>;
    };
  }
}

export default fp(async (fastify) => {
  fastify.decorate('db', { jobs: new Map(), technicians: new Map() });
});
