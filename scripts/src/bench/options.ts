import type { LoadOptions } from './load';

/** `npm run bench -- [options]`: parsed strictly, so a typo stops the run instead of being ignored. */
export type BenchOptions = {
  fiches: number;
  publishes: number;
  randomSeed: number;
  skipAnchor: boolean;
  skipLighthouse: boolean;
  /** Keep the inserted corpus (database + media) and reuse it in a later run of the same size and seed. */
  reuseCorpus: boolean;
  lighthouseRuns: number;
  /** Corpus sizes for `--scale`: insert each, time the admin's queries; nothing else runs. */
  scale?: number[];
  /** `--scale` without the admin's screens in Chromium (no admin build, no CMS server). */
  skipBrowser: boolean;
  /** `--memory`: only the translation memory's lookup, on a corpus of this many fiches (bench/memoryBench.ts). */
  memory?: number;
  /** `--load`: concurrent editors and translators while publications go through (bench/load.ts). */
  load?: Omit<LoadOptions, 'repoRoot'>;
};

export const usage = `usage: npm run bench -- [--quick | --fiches N] [--publishes N] [--seed N] [--lighthouse-runs N]
                        [--skip-anchor] [--skip-lighthouse] [--reuse-corpus]
       npm run bench -- --scale [100,300,1000] [--seed N] [--skip-browser]
       npm run bench -- --memory [FICHES] [--seed N]
       npm run bench -- --load [--users N] [--duration S] [--publish-rate N] [--think S] [--saturation S]
                        [--fiches N [--seed N] | --database FILE | --cms-url URL --site-url URL] [--no-live-site]
  --fiches N          synthetic fiches to insert (default 1000; each makes 8 pages)
  --quick             100 fiches
  --publishes N       publish → live measures (default 5)
  --seed N            random seed of the corpus (default 20261127)
  --lighthouse-runs N Lighthouse runs per page, the median is kept (default 3)
  --skip-anchor       no Starlight anchor build
  --skip-lighthouse   no Lighthouse
  --reuse-corpus      keep the inserted corpus in .bench-work/corpus/ and reuse it next time
  --scale [SIZES]     only the growth of the admin's figures: for each size (default 100,300,1000)
                      insert the corpus through the bulk import, then time each screen's queries,
                      then each admin screen in Chromium, logged in (builds the admin first)
  --skip-browser      --scale without the screens in Chromium
  --memory [FICHES]   only the translation memory's lookup (default 1000 fiches): p50/p95 of 200 lookups
  --load              only the load: N users (default 50) reading and saving drafts for S seconds
                      (default 300) while N publications a minute (default 5) go through; p50/p95/p99,
                      errors, every publication live; then the static server's throughput
  --think S           --load: mean pause of a user between screens, exponential (default 7 s, TPC-W's;
                      0: users click without stopping)
  --saturation S      --load: then the same users with no pause for S seconds (default 60; 0: skip),
                      the most requests a second the CMS answers, and at what latency
  --load --fiches N   --load on the synthetic corpus of N fiches (--quick: 100), inserted once and
                      kept in .bench-work/corpus/ with the live site built from it, then copied
  --no-live-site      --load with no site built before the load: its first publication builds it all
  --database FILE     --load on a copy of this SQLite file (its media/ folder beside it, if any)
  --cms-url, --site-url  --load against a CMS and a site already running on this machine`;

export class UsageError extends Error {}

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = {
    fiches: 1000,
    publishes: 5,
    randomSeed: 20_261_127,
    skipAnchor: false,
    skipLighthouse: false,
    skipBrowser: false,
    reuseCorpus: false,
    lighthouseRuns: 3,
  };
  const count = (flag: string, value: string | undefined, minimum: number): number => {
    const number = Number(value);
    if (value === undefined || !/^\d+$/.test(value) || number < minimum) {
      throw new UsageError(`${flag} needs a whole number ≥ ${minimum} (got ${value ?? 'nothing'})`);
    }
    return number;
  };
  let quick = false;
  let fichesGiven = false;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] as string;
    const [flag, inline] = argument.includes('=') ? (argument.split('=', 2) as [string, string]) : [argument, undefined];
    const value = () => inline ?? argv[++index];
    switch (flag) {
      case '--quick':
        quick = true;
        break;
      case '--fiches':
        options.fiches = count(flag, value(), 1);
        fichesGiven = true;
        break;
      case '--publishes':
        options.publishes = count(flag, value(), 1);
        break;
      case '--seed':
        options.randomSeed = count(flag, value(), 0);
        break;
      case '--lighthouse-runs':
        options.lighthouseRuns = count(flag, value(), 1);
        break;
      case '--skip-anchor':
        options.skipAnchor = true;
        break;
      case '--skip-lighthouse':
        options.skipLighthouse = true;
        break;
      case '--skip-browser':
        options.skipBrowser = true;
        break;
      case '--scale': {
        const given = inline ?? (argv[index + 1] && !argv[index + 1]?.startsWith('--') ? argv[++index] : undefined);
        options.scale = (given ?? '100,300,1000').split(',').map((size) => count('--scale', size.trim(), 1));
        break;
      }
      case '--memory': {
        const given = inline ?? (argv[index + 1] && !argv[index + 1]?.startsWith('--') ? argv[++index] : undefined);
        options.memory = count('--memory', given ?? '1000', 1);
        break;
      }
      case '--load':
        options.load = { users: 50, durationSeconds: 300, publishesPerMinute: 5, ...options.load };
        break;
      case '--users':
      case '--duration':
      case '--publish-rate': {
        const number = count(flag, value(), 1);
        const key = flag === '--users' ? 'users' : flag === '--duration' ? 'durationSeconds' : 'publishesPerMinute';
        options.load = { users: 50, durationSeconds: 300, publishesPerMinute: 5, ...options.load, [key]: number };
        break;
      }
      case '--think':
      case '--saturation': {
        // 0 is allowed: no pause at all (--think 0), no saturation run (--saturation 0).
        const number = count(flag, value(), 0);
        const key = flag === '--think' ? 'thinkSeconds' : 'saturationSeconds';
        options.load = { users: 50, durationSeconds: 300, publishesPerMinute: 5, ...options.load, [key]: number };
        break;
      }
      case '--database':
      case '--cms-url':
      case '--site-url': {
        const given = value();
        if (!given) throw new UsageError(`${flag} needs a value`);
        if (flag !== '--database' && !/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(given))
          throw new UsageError(
            `${flag} must be on this machine (http://127.0.0.1:PORT or http://localhost:PORT): the load never leaves it`,
          );
        const key = flag === '--database' ? 'database' : flag === '--cms-url' ? 'cmsUrl' : 'siteUrl';
        options.load = { users: 50, durationSeconds: 300, publishesPerMinute: 5, ...options.load, [key]: given };
        break;
      }
      case '--no-live-site':
        options.load = { users: 50, durationSeconds: 300, publishesPerMinute: 5, ...options.load, noLiveSite: true };
        break;
      case '--reuse-corpus':
        options.reuseCorpus = true;
        break;
      default:
        throw new UsageError(`unknown option ${argument}`);
    }
  }
  if (quick && fichesGiven) throw new UsageError('--quick and --fiches together: choose one');
  if (quick) options.fiches = 100;
  if (options.load && (quick || fichesGiven)) {
    if (options.load.database || options.load.cmsUrl)
      throw new UsageError('--load: --fiches (or --quick) and --database or --cms-url together: choose one corpus');
    options.load.corpus = { fiches: options.fiches, randomSeed: options.randomSeed };
  }
  return options;
}
