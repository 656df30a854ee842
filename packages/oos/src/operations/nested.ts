/**
 * Validation of nested configuration parameters (website, logging, trigger,
 * lifecycle), as botocore checks its input shapes: a missing required member,
 * an unknown member or a wrong type is refused before any request, with the
 * full path of the offending member in the message
 * (`LifecycleConfiguration.Rules[0]`).
 */
import { ParamValidationError } from '../errors.ts';

export type Shape =
  | { kind: 'string' | 'boolean' | 'date' }
  | { kind: 'integer'; min?: number }
  | { kind: 'struct'; members: Readonly<Record<string, Shape>>; required?: readonly string[]; oneOf?: readonly string[] }
  | { kind: 'list'; member: Shape; min?: number; max?: number }
  /** One struct or a list of them (the seed passes a single `RemoteSite` dict where several are allowed). */
  | { kind: 'oneOrList'; member: Shape };

export const STRING: Shape = { kind: 'string' };
export const BOOLEAN: Shape = { kind: 'boolean' };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function typeName(shape: Shape): string {
  switch (shape.kind) {
    case 'string':
      return 'a string';
    case 'boolean':
      return 'a boolean';
    case 'date':
      return 'a Date or an ISO 8601 string';
    case 'integer':
      return 'an integer';
    case 'struct':
      return 'an object';
    case 'list':
      return 'an array';
    case 'oneOrList':
      return 'an object or an array of objects';
  }
}

function walk(value: unknown, shape: Shape, path: string, problems: string[]): void {
  const wrongType = (): void => {
    problems.push(`Invalid type for parameter ${path}, value: ${JSON.stringify(value) ?? String(value)}, valid types: ${typeName(shape)}`);
  };
  switch (shape.kind) {
    case 'string':
      if (typeof value !== 'string') wrongType();
      return;
    case 'boolean':
      if (typeof value !== 'boolean') wrongType();
      return;
    case 'date':
      if (!((value instanceof Date && !Number.isNaN(value.getTime())) || typeof value === 'string')) wrongType();
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) wrongType();
      else if (shape.min !== undefined && value < shape.min)
        problems.push(`Invalid value for parameter ${path}, value: ${value}, valid min value: ${shape.min}`);
      return;
    case 'oneOrList':
      if (Array.isArray(value)) value.forEach((item, i) => walk(item, shape.member, `${path}[${i}]`, problems));
      else walk(value, shape.member, path, problems);
      return;
    case 'list':
      if (!Array.isArray(value)) return wrongType();
      if (shape.min !== undefined && value.length < shape.min)
        problems.push(`Invalid length for parameter ${path}, value: ${value.length}, valid min length: ${shape.min}`);
      if (shape.max !== undefined && value.length > shape.max)
        problems.push(`Invalid length for parameter ${path}, value: ${value.length}, valid max length: ${shape.max}`);
      value.forEach((item, i) => walk(item, shape.member, `${path}[${i}]`, problems));
      return;
    case 'struct': {
      if (!isObject(value)) return wrongType();
      for (const name of shape.required ?? []) {
        if (value[name] === undefined || value[name] === null) problems.push(`Missing required parameter in ${path}: "${name}"`);
      }
      if (shape.oneOf !== undefined) {
        const given = shape.oneOf.filter((name) => value[name] !== undefined && value[name] !== null);
        if (given.length !== 1) problems.push(`Invalid parameter ${path}: exactly one of ${shape.oneOf.join(', ')} must be given`);
      }
      for (const [name, member] of Object.entries(value)) {
        if (member === undefined || member === null) continue;
        const memberShape = shape.members[name];
        if (memberShape === undefined) {
          problems.push(`Unknown parameter in ${path}: "${name}", must be one of: ${Object.keys(shape.members).join(', ')}`);
        } else {
          walk(member, memberShape, `${path}.${name}`, problems);
        }
      }
    }
  }
}

/** Throws ParamValidationError listing every problem of `value` against `shape`; `name` is the parameter's name. */
export function checkShape(value: unknown, shape: Shape, name: string): void {
  const problems: string[] = [];
  walk(value, shape, name, problems);
  if (problems.length > 0) throw new ParamValidationError(problems.join('\n'));
}
