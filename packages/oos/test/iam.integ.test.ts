import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '@yunstore/emulator';
import { oos, type ClientError, Config, encode_params, ParamValidationError } from '../src/index.ts';
import { AK, bucketName, emulator, s3, SK } from './helpers.ts';

let emu: Emulator;
beforeAll(async () => {
  emu = await emulator();
});
afterAll(async () => {
  await emu?.stop();
});

for (const sig of ['s3', 's3v4'] as const) {
  describe(`IAM access keys (${sig})`, () => {
    const iam = () =>
      oos.client('iam', {
        endpoint_url: emu.endpoints.oos,
        access_key_id: AK,
        secret_access_key: SK,
        use_ssl: false,
        config: new Config({ signature_version: sig }),
      });

    it('creates a key that signs at once, lists, deactivates and deletes it', async () => {
      const client = iam();
      const created = await client.create_access_key({ Body: encode_params({ Action: 'CreateAccessKey' }) });
      expect(created.AccessKey.AccessKeyId).toBeTruthy();
      expect(created.AccessKeyId).toBe(created.AccessKey.AccessKeyId);
      expect(created.SecretAccessKey).toBeTruthy();
      expect(created.Status).toBe('Active');
      expect(created.IsPrimary).toBe(false);
      expect(created.ResponseMetadata.RequestId).toBeTruthy();
      const ak = created.AccessKeyId!;
      const sk = created.SecretAccessKey!;

      const other = s3(emu.endpoints.oos, sig, { ak, sk });
      const bucket = bucketName('iam');
      await other.create_bucket({ Bucket: bucket });

      const listed = await client.list_access_key({ Body: encode_params({ Action: 'ListAccessKey', MaxItems: 10 }) });
      expect(listed.AccessKeyMetadata.map((k) => k.AccessKeyId)).toContain(ak);
      expect(listed.AccessKeyMetadata.every((k) => k.SecretAccessKey === undefined)).toBe(true);
      expect(listed.IsTruncated).toBe(false);
      const one = await client.listAccessKey({ Body: { Action: 'ListAccessKey', MaxItems: 1 } });
      expect(one.AccessKeyMetadata).toHaveLength(1);
      expect(one.IsTruncated).toBe(true);
      expect(one.Marker).toBeTruthy();

      await client.update_access_key({ Body: encode_params({ Action: 'UpdateAccessKey', AccessKeyId: ak, Status: 'Inactive', IsPrimary: false }) });
      const inactive = await other.list_buckets().catch((e: unknown) => e);
      expect((inactive as ClientError).response.Error.Code).toBe('InvalidAccessKeyId');
      await client.updateAccessKey({ Body: { AccessKeyId: ak, Status: 'Active', IsPrimary: false } });
      expect((await other.head_bucket({ Bucket: bucket })).ResponseMetadata.HTTPStatusCode).toBe(200);

      await client.delete_access_key({ Body: encode_params({ Action: 'DeleteAccessKey', AccessKeyId: ak }) });
      const deleted = await other.list_buckets().catch((e: unknown) => e);
      expect((deleted as ClientError).response.Error.Code).toBe('InvalidAccessKeyId');
      await s3(emu.endpoints.oos, sig).delete_bucket({ Bucket: bucket });
      await client.deleteAccessKey({ Body: { AccessKeyId: 'no-such-key' } }).then(
        () => expect.fail('deleting an unknown key must fail'),
        (e: unknown) => expect((e as ClientError).response.Error.Code).toBe('NoSuchEntity'),
      );
      await Promise.all([client.close(), other.close()]);
    });

    it('a non-primary key may not manage keys', async () => {
      const client = iam();
      const created = await client.createAccessKey({ Body: encode_params({ Action: 'CreateAccessKey' }) });
      const weak = oos.client('iam', {
        endpoint_url: emu.endpoints.oos,
        access_key_id: created.AccessKeyId!,
        secret_access_key: created.SecretAccessKey!,
        config: new Config({ signature_version: sig }),
      });
      const err = await weak.list_access_key({ Body: encode_params({ Action: 'ListAccessKey' }) }).catch((e: unknown) => e);
      expect((err as ClientError).response.Error.Code).toBe('AccessDenied');
      await client.delete_access_key({ Body: encode_params({ Action: 'DeleteAccessKey', AccessKeyId: created.AccessKeyId! }) });
    });

    it('refuses a Body whose Action does not match the method', async () => {
      await expect(iam().delete_access_key({ Body: encode_params({ Action: 'CreateAccessKey' }) })).rejects.toBeInstanceOf(ParamValidationError);
    });
  });
}

describe('encode_params', () => {
  it('writes Python booleans as true/false and skips None', () => {
    expect(encode_params({ Action: 'UpdateAccessKey', AccessKeyId: 'a b', IsPrimary: false, MaxItems: 10, Marker: null })).toBe(
      'Action=UpdateAccessKey&AccessKeyId=a+b&IsPrimary=false&MaxItems=10',
    );
  });
});
