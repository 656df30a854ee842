import { createHash, createHmac } from 'node:crypto';
import { requireVendor, type Loaded } from '../load.ts';
import { BUCKET, CONTENT_LENGTH, CONTENT_MD5_BASE64, CONTENT_MD5_HEX, CONTENT_TYPE, CREDENTIALS, ENCODED_KEY, KEY, type Scheme } from './signing-fixture.ts';
import type { Op } from '../runner.ts';

/** A vendor signer wrapped as one op signing the fixture request, with its display name. */
export interface VendorSigner {
  name: string;
  op: Op;
}

const cosHost = `${BUCKET}.cos.ap-guangzhou.myqcloud.com`;

function cosAnchor(root: string): Loaded<VendorSigner> {
  const loaded = requireVendor('cos-nodejs-sdk-v5', root);
  if (!loaded.ok) return loaded;
  const getAuthorization = (loaded.value as { getAuthorization?: (opt: object) => string }).getAuthorization;
  if (typeof getAuthorization !== 'function') return { ok: false, reason: 'cos-nodejs-sdk-v5 has no COS.getAuthorization' };
  return {
    ok: true,
    value: {
      name: 'cos-nodejs-sdk-v5 COS.getAuthorization',
      op: () =>
        getAuthorization({
          SecretId: CREDENTIALS.accessKeyId,
          SecretKey: CREDENTIALS.secretAccessKey,
          Method: 'PUT',
          Pathname: `/${KEY}`,
          Query: {},
          Headers: {
            Host: cosHost,
            'Content-Type': CONTENT_TYPE,
            'Content-Length': CONTENT_LENGTH,
            'Content-MD5': CONTENT_MD5_BASE64,
            'x-cos-meta-author': 'bench',
          },
        }),
    },
  };
}

interface BaiduAuth {
  generateAuthorization(method: string, resource: string, params: object, headers: object, timestamp: number, expiration: number): string;
}

function bosAnchor(root: string): Loaded<VendorSigner> {
  const loaded = requireVendor('@baiducloud/sdk', root);
  if (!loaded.ok) return loaded;
  const Auth = (loaded.value as { Auth?: new (ak: string, sk: string) => BaiduAuth }).Auth;
  if (typeof Auth !== 'function') return { ok: false, reason: '@baiducloud/sdk has no Auth' };
  return {
    ok: true,
    value: {
      name: '@baiducloud/sdk Auth.generateAuthorization',
      op: () => {
        // The SDK's client builds x-bce-date and a new Auth per request; both are part of its cost.
        const now = new Date();
        const date = now.toISOString().replace(/\.\d+Z$/, 'Z');
        return new Auth(CREDENTIALS.accessKeyId, CREDENTIALS.secretAccessKey).generateAuthorization(
          'PUT',
          `/v1/${BUCKET}/${ENCODED_KEY}`,
          {},
          {
            Host: 'bj.bcebos.com',
            'Content-Type': CONTENT_TYPE,
            'Content-Length': CONTENT_LENGTH,
            'Content-MD5': CONTENT_MD5_BASE64,
            'x-bce-date': date,
            'x-bce-meta-author': 'bench',
          },
          now.getTime() / 1000,
          1800,
        );
      },
    },
  };
}

function nosAnchor(root: string): Loaded<VendorSigner> {
  const loaded = requireVendor('nos-node-sdk/lib/services/authorization', root);
  if (!loaded.ok) return loaded;
  const authorization = loaded.value as (ak: string, sk: string, verb: string, headers: object, resource: string) => string;
  if (typeof authorization !== 'function') return { ok: false, reason: 'nos-node-sdk authorization is not a function' };
  return {
    ok: true,
    value: {
      name: 'nos-node-sdk authorization()',
      op: () => {
        // The SDK's request objects format the Date and encode the key per request before signing.
        const resource = `/${BUCKET}/${encodeURIComponent(KEY)}`;
        return authorization(
          CREDENTIALS.accessKeyId,
          CREDENTIALS.secretAccessKey,
          'PUT',
          {
            Date: new Date().toUTCString(),
            'Content-Type': CONTENT_TYPE,
            'Content-Length': CONTENT_LENGTH,
            'Content-MD5': CONTENT_MD5_HEX,
            'x-nos-meta-author': 'bench',
          },
          resource,
        );
      },
    },
  };
}

interface AwsV2Signer {
  addAuthorization(credentials: object, date: Date): void;
}

function s3v2Anchor(root: string): Loaded<VendorSigner> {
  // aws-sdk v2 prints an end-of-support notice on load unless told not to.
  process.env['AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE'] = '1';
  // Not a devDependency of the bench package (the OOS package has it); see README.
  const loaded = requireVendor('aws-sdk/global', root, ['packages/oos', 'tooling/emulator']);
  if (!loaded.ok) return loaded;
  const S3 = (loaded.value as { Signers?: { S3?: new (request: object) => AwsV2Signer } }).Signers?.S3;
  if (typeof S3 !== 'function') return { ok: false, reason: 'aws-sdk has no AWS.Signers.S3' };
  return {
    ok: true,
    value: {
      name: 'aws-sdk v2 AWS.Signers.S3',
      op: () => {
        const request = {
          method: 'PUT',
          path: `/${BUCKET}/${ENCODED_KEY}`,
          headers: {
            'Content-Type': CONTENT_TYPE,
            'Content-Length': CONTENT_LENGTH,
            'Content-MD5': CONTENT_MD5_BASE64,
            'x-amz-meta-author': 'bench',
          } as Record<string, string>,
        };
        new S3(request).addAuthorization(CREDENTIALS, new Date());
        return request.headers['Authorization'];
      },
    },
  };
}

/**
 * A SHA-256 for smithy backed by node:crypto — what the AWS SDK itself uses on
 * Node (@smithy/hash-node), so the anchor is not slowed by a pure-JS hash.
 */
class NodeSha256 {
  private readonly hash;
  constructor(secret?: string | Uint8Array) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', secret);
  }
  update(data: string | Uint8Array): void {
    this.hash.update(data);
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
  reset(): void {
    throw new Error('not used by SignatureV4');
  }
}

interface SmithySigner {
  sign(request: object, options: object): Promise<unknown>;
}

function s3v4Anchor(root: string): Loaded<VendorSigner> {
  const loaded = requireVendor('@smithy/signature-v4', root);
  if (!loaded.ok) return loaded;
  const SignatureV4 = (loaded.value as { SignatureV4?: new (init: object) => SmithySigner }).SignatureV4;
  if (typeof SignatureV4 !== 'function') return { ok: false, reason: '@smithy/signature-v4 has no SignatureV4' };
  const signer = new SignatureV4({
    credentials: CREDENTIALS,
    region: 'cn',
    service: 's3',
    sha256: NodeSha256,
    uriEscapePath: false,
    applyChecksum: false,
  });
  return {
    ok: true,
    value: {
      name: '@smithy/signature-v4 SignatureV4 (node:crypto hash)',
      op: () =>
        signer.sign(
          {
            method: 'PUT',
            protocol: 'https:',
            hostname: 'oos-cn.ctyunapi.cn',
            path: `/${BUCKET}/${ENCODED_KEY}`,
            query: {},
            headers: {
              host: 'oos-cn.ctyunapi.cn',
              'content-type': CONTENT_TYPE,
              'content-length': CONTENT_LENGTH,
              'content-md5': CONTENT_MD5_BASE64,
              'x-amz-meta-author': 'bench',
              'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
            },
          },
          { signingDate: new Date() },
        ),
    },
  };
}

/** The vendor signer anchoring each scheme. */
export function vendorSigner(scheme: Scheme, root: string): Loaded<VendorSigner> {
  switch (scheme) {
    case 'cos':
      return cosAnchor(root);
    case 'bos':
      return bosAnchor(root);
    case 'nos':
      return nosAnchor(root);
    case 's3v2':
      return s3v2Anchor(root);
    case 's3v4':
      return s3v4Anchor(root);
  }
}
