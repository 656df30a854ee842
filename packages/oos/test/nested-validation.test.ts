/**
 * Configuration parameters (website, logging, trigger, lifecycle) are checked
 * member by member before any request, as botocore checks its input shapes.
 * The client counts requests: none may leave for refused input.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Config, oos, ParamValidationError } from '../src/index.ts';
import { checkShape, STRING, type Shape } from '../src/operations/nested.ts';
import { countingDispatcher } from './undici.ts';

const counter = countingDispatcher(() => true);
const client = oos.client('s3', {
  endpoint_url: 'http://127.0.0.1:9',
  access_key_id: 'ak',
  secret_access_key: 'sk',
  config: new Config({ retries: { max_attempts: 0 }, dispatcher: counter.dispatcher }),
});
afterAll(() => client.close());

async function refused(call: Promise<unknown>, message: RegExp): Promise<void> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ParamValidationError);
  expect((error as Error).message).toMatch(message);
  expect(counter.count()).toBe(0);
}

const site = { RemontEndPoint: 'http://oos-hz.ctyunapi.cn', RemoteBucketName: 'b', RemoteAK: 'ak', RemoteSK: 'sk' };

describe('nested configuration parameters', () => {
  it('website: IndexDocument.Suffix required, ErrorDocument.Key required when given, no other members', async () => {
    await refused(
      client.put_bucket_website({ Bucket: 'bkt', WebsiteConfiguration: {} as never }),
      /Missing required parameter in WebsiteConfiguration: "IndexDocument"/,
    );
    await refused(
      client.put_bucket_website({ Bucket: 'bkt', WebsiteConfiguration: { IndexDocument: {} as never } }),
      /WebsiteConfiguration.IndexDocument: "Suffix"/,
    );
    await refused(
      client.put_bucket_website({
        Bucket: 'bkt',
        WebsiteConfiguration: { IndexDocument: { Suffix: 'i.html' }, ErrorDocument: {} as never, RoutingRules: [] } as never,
      }),
      /WebsiteConfiguration.ErrorDocument: "Key"[\s\S]*Unknown parameter in WebsiteConfiguration: "RoutingRules"/,
    );
  });

  it('logging: known LoggingEnabled members, strings only', async () => {
    await refused(
      client.put_bucket_logging({ Bucket: 'bkt', BucketLoggingStatus: { LoggingEnabled: { TargetBucket: 1 } as never } }),
      /Invalid type for parameter BucketLoggingStatus.LoggingEnabled.TargetBucket/,
    );
    await refused(
      client.put_bucket_logging({ Bucket: 'bkt', BucketLoggingStatus: { LoggingEnabled: { TargetGrants: [] } as never } }),
      /Unknown parameter in BucketLoggingStatus.LoggingEnabled: "TargetGrants"/,
    );
  });

  it('trigger: TriggerName and IsDefault required, a boolean IsDefault, complete remote sites', async () => {
    await refused(
      client.put_bucket_trigger({ Bucket: 'bkt', TriggerConfiguration: { Triggers: [] } }),
      /Invalid length for parameter TriggerConfiguration.Triggers, value: 0/,
    );
    await refused(
      client.put_bucket_trigger({ Bucket: 'bkt', TriggerConfiguration: { Triggers: [{ TriggerName: 't1' }] } as never }),
      /TriggerConfiguration.Triggers\[0\]: "IsDefault"/,
    );
    await refused(
      client.put_bucket_trigger({ Bucket: 'bkt', TriggerConfiguration: { Triggers: [{ TriggerName: 't1', IsDefault: 'true' }] } as never }),
      /Triggers\[0\].IsDefault, value: "true", valid types: a boolean/,
    );
    await refused(
      client.put_bucket_trigger({
        Bucket: 'bkt',
        TriggerConfiguration: { Triggers: [{ TriggerName: 't1', IsDefault: true, RemoteSite: [site, { RemoteBucketName: 'b' }] }] } as never,
      }),
      /Triggers\[0\].RemoteSite\[1\]: "RemoteAK"[\s\S]*exactly one of RemontEndPoint, RemoteEndPoint/,
    );
  });

  it('lifecycle: 1 to 100 rules with Prefix, Status and Expiration of Days xor Date', async () => {
    const rule = { Prefix: 'p', Status: 'Enabled' as const, Expiration: { Days: 1 } };
    await refused(
      client.put_bucket_lifecycle({ Bucket: 'bkt', LifecycleConfiguration: { Rules: Array.from({ length: 101 }, () => rule) } }),
      /valid max length: 100/,
    );
    await refused(
      client.put_bucket_lifecycle({ Bucket: 'bkt', LifecycleConfiguration: { Rules: [{ Status: 'Enabled', Expiration: { Days: 1 } }] } as never }),
      /Rules\[0\]: "Prefix"/,
    );
    await refused(
      client.put_bucket_lifecycle({
        Bucket: 'bkt',
        LifecycleConfiguration: { Rules: [{ ...rule, Expiration: { Days: 1, Date: '2030-01-01T00:00:00.000Z' } }] },
      }),
      /Rules\[0\].Expiration: exactly one of Days, Date/,
    );
    await refused(
      client.put_bucket_lifecycle({ Bucket: 'bkt', LifecycleConfiguration: { Rules: [{ ...rule, Expiration: { Days: 0 } }] } }),
      /Expiration.Days, value: 0, valid min value: 1/,
    );
    await refused(
      client.put_bucket_lifecycle({ Bucket: 'bkt', LifecycleConfiguration: { Rules: [{ ...rule, Filter: { Prefix: 'p' } }] } as never }),
      /Unknown parameter in LifecycleConfiguration.Rules\[0\]: "Filter"/,
    );
  });
});

describe('multipart and multi-delete parameters', () => {
  it('complete_multipart_upload: each part needs ETag and a PartNumber from 1', async () => {
    await refused(
      client.complete_multipart_upload({ Bucket: 'bkt', Key: 'k', UploadId: 'u', MultipartUpload: { Parts: [{ PartNumber: 0 }, { ETag: '"e"' }] } as never }),
      /Parts\[0\]: "ETag"[\s\S]*Parts\[0\].PartNumber, value: 0, valid min value: 1[\s\S]*Parts\[1\]: "PartNumber"/,
    );
  });

  it('delete_objects: 1 to 1000 objects with a Key, a boolean Quiet', async () => {
    await refused(client.delete_objects({ Bucket: 'bkt', Delete: { Objects: [] } }), /Invalid length for parameter Delete.Objects, value: 0/);
    await refused(
      client.delete_objects({ Bucket: 'bkt', Delete: { Objects: [{}], Quiet: 'true' } as never }),
      /Delete.Objects\[0\]: "Key"[\s\S]*Delete.Quiet, value: "true"/,
    );
    await refused(client.delete_objects({ Bucket: 'bkt', Delete: { Objects: [{ Key: '' }] } }), /non-empty Key/);
  });
});

describe('checkShape', () => {
  const shape: Shape = {
    kind: 'struct',
    required: ['A'],
    members: { A: STRING, B: { kind: 'oneOrList', member: { kind: 'struct', members: { C: STRING } } } },
  };

  it('accepts one struct or a list where oneOrList allows it, and lists every problem', () => {
    expect(() => checkShape({ A: 'a', B: { C: 'c' } }, shape, 'P')).not.toThrow();
    expect(() => checkShape({ A: 'a', B: [{ C: 'c' }, { C: 'd' }] }, shape, 'P')).not.toThrow();
    try {
      checkShape({ B: [{ C: 1 }], D: 1 }, shape, 'P');
      expect.fail('should throw');
    } catch (e) {
      expect((e as Error).message.split('\n').slice(1)).toEqual([
        'Missing required parameter in P: "A"',
        'Invalid type for parameter P.B[0].C, value: 1, valid types: a string',
        'Unknown parameter in P: "D", must be one of: A, B',
      ]);
    }
  });
});
