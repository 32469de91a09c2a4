// A tiny stand-in for the types of 'next/server', so the fixture reads as a typed Next.js app
// without installing Next (RouteGuard never needs the types; editors do).
declare module 'next/server' {
  export class NextRequest extends Request {
    readonly nextUrl: URL & { clone(): URL };
    readonly cookies: { get(name: string): { name: string; value: string } | undefined; has(name: string): boolean };
    readonly ip?: string;
  }
  export class NextResponse extends Response {
    static json(body: unknown, init?: ResponseInit): NextResponse;
    static next(init?: { request?: { headers?: Headers } }): NextResponse;
    static redirect(url: string | URL, status?: number): NextResponse;
    static rewrite(url: string | URL): NextResponse;
  }
  export type NextMiddleware = (request: NextRequest) => Response | NextResponse | undefined | Promise<Response | NextResponse | undefined>;
}
declare module 'next/navigation' {
  export function redirect(url: string): never;
  export function notFound(): never;
}
declare module 'next/headers' {
  export function cookies(): Promise<{ get(name: string): { value: string } | undefined; set(name: string, value: string, options?: object): void }>;
  export function headers(): Promise<Headers>;
}
declare module 'next' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  export interface NextApiRequest extends IncomingMessage {
    query: Record<string, string | string[]>;
    body: any;
    cookies: Record<string, string>;
  }
  export interface NextApiResponse<T = any> extends ServerResponse {
    status(code: number): NextApiResponse<T>;
    json(body: T): void;
    send(body: unknown): void;
    end(): void;
    setHeader(name: string, value: string | string[]): this;
  }
  export type NextApiHandler = (req: NextApiRequest, res: NextApiResponse) => unknown;
}
