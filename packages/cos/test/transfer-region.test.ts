import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { CosS3Client } from '../src/index.ts';

// @yunstore/cos does not depend on undici itself (core does): load MockAgent from core's dependencies.
type Undici = typeof import('../../core/node_modules/undici/index.js');
const { MockAgent } = createRequire(new URL('../../core/package.json', import.meta.url))('undici') as Undici;

const agent = new MockAgent();
agent.disableNetConnect();
afterAll(async () => agent.close());

describe('copy with a CopySource in another region (seed 004 example 1)', () => {
  it("HEADs the source on its own region's host and copies on the destination's", async () => {
    const source = agent.get('https://sourcebucket-1250000000.cos.ap-guangzhou.myqcloud.com');
    source.intercept({ path: '/exampleobject', method: 'HEAD' }).reply(200, '', {
      headers: { 'content-length': '10', etag: '"abc"', 'last-modified': 'Wed, 28 Oct 2014 20:30:00 GMT' },
    });
    let copySourceHeader: string | undefined;
    const dest = agent.get('https://examplebucket-1250000000.cos.ap-beijing.myqcloud.com');
    dest
      .intercept({
        path: '/copy.txt',
        method: 'PUT',
        headers: (h: Record<string, string>) => {
          copySourceHeader = h['x-cos-copy-source'];
          return true;
        },
      })
      .reply(200, '<CopyObjectResult><ETag>"abc"</ETag><LastModified>2024-01-01T00:00:00.000Z</LastModified></CopyObjectResult>', {
        headers: { 'x-cos-request-id': 'req-1' },
      });
    const client = new CosS3Client({ Region: 'ap-beijing', SecretId: 'AKIDexample', SecretKey: 'secret', Dispatcher: agent, Retry: 0 });
    const res = await client.copy({
      Bucket: 'examplebucket-1250000000',
      Key: 'copy.txt',
      CopySource: { Bucket: 'sourcebucket-1250000000', Key: 'exampleobject', Region: 'ap-guangzhou' },
    });
    expect(res['ETag']).toBe('"abc"');
    expect(res['x-cos-request-id']).toBe('req-1');
    expect(copySourceHeader).toBe('sourcebucket-1250000000.cos.ap-guangzhou.myqcloud.com/exampleobject');
    agent.assertNoPendingInterceptors();
    await client.close();
  });
});
