/** The part of autocannon 8's API the load bench uses (the package ships no types). */
declare module 'autocannon' {
  type Request = { method?: string; path?: string; body?: string; headers?: Record<string, string> };
  type RequestSpec = Request & { setupRequest?: (request: Request, context: Record<string, unknown>) => Request };
  type Histogram = { average: number; p50: number; p99: number; [key: string]: number };
  export type Result = {
    requests: Histogram & { total: number };
    latency: Histogram;
    throughput: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
  };
  type Instance = Promise<Result> & {
    on: ((
      event: 'response',
      listener: (client: object, statusCode: number, bytes: number, responseTime: number) => void,
    ) => void) &
      ((event: 'reqError', listener: (error: Error & { code?: string }) => void) => void);
  };
  export default function autocannon(options: {
    url: string;
    connections?: number;
    duration?: number;
    timeout?: number;
    headers?: Record<string, string>;
    requests?: RequestSpec[];
    /** Called with each connection's client: its events, and its HTTP parser (http-parser-js). */
    setupClient?: (client: Client) => void;
  }): Instance;
  export type Client = {
    on: (event: 'timeout' | 'connError', listener: () => void) => void;
    parser: { type: string; initialize: (type: string) => void };
  };
}
