// The few parts of s3rver (an S3-compatible server for tests and benchmarks) that QueryFlow uses;
// the package ships no types.
declare module "s3rver" {
  interface Options {
    address?: string;
    port?: number;
    directory: string;
    silent?: boolean;
    resetOnClose?: boolean;
    configureBuckets?: { name: string }[];
  }
  export default class S3rver {
    constructor(options: Options);
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
  }
}
