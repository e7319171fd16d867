import { TransformationType } from 'class-transformer';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
import { getMetadataStorage, ValidationTypes, type ValidationArguments } from 'class-validator';

/** class-transformer's decorator metadata: not exported by its index, so read where plainToInstance reads it. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: MetadataStorage };

/** What this file reads of class-validator's metadata (its own objects, read only). */
type Rule = Readonly<{
  type: string;
  propertyName: string;
  constraints: unknown[];
  constraintCls: Function;
  validateIf?: (object: object, value: unknown) => boolean;
}>;
type Constraint = Readonly<{ async: boolean; instance: { validate(value: unknown, args: ValidationArguments): unknown } }>;
type Storage = {
  getTargetValidationMetadatas(target: Function, schema: string | undefined, always: boolean, strictGroups: boolean, groups?: string[]): Rule[];
  groupByPropertyName(rules: Rule[]): Record<string, Rule[]>;
  getTargetValidatorConstraints(target: Function): Constraint[];
};

type Check = Readonly<{ rule: Rule; constraint: Constraint }>;
type Property = Readonly<{ conditions: readonly Rule[]; checks: readonly Check[] }>;
/** A body class whose rules this path can run: every property, with its conditions and checks, in class-validator's order. */
type Plan = ReadonlyMap<string, Property>;

const ACCEPTED_TYPES: ReadonlySet<string> = new Set([ValidationTypes.CONDITIONAL_VALIDATION, ValidationTypes.CUSTOM_VALIDATION, ValidationTypes.IS_DEFINED, ValidationTypes.WHITELIST]);

/** The plan per metadata list: the list is remembered per class until metadata is added (validation-metadata-cache.ts), so a new rule makes a new plan. */
const plans = new WeakMap<Rule[], Plan | null>();

/** Whether class-transformer would copy the plain values of `target`'s properties as they are (no @Type, @Transform, @Expose, @Exclude, accessor). */
const copiedAsIs = (target: Function, properties: readonly string[]): boolean =>
  defaultMetadataStorage.getStrategy(target) === 'none' &&
  defaultMetadataStorage.getExposedMetadatas(target).length === 0 &&
  defaultMetadataStorage.getExcludedMetadatas(target).length === 0 &&
  properties.every(
    (name) =>
      defaultMetadataStorage.findTypeMetadata(target, name) === undefined &&
      defaultMetadataStorage.findTransformMetadatas(target, name, TransformationType.PLAIN_TO_CLASS).length === 0 &&
      Object.getOwnPropertyDescriptor(target.prototype, name) === undefined,
  );

const planOf = (storage: Storage, target: Function, rules: Rule[]): Plan | null => {
  if (rules.length === 0 || rules.some((rule) => !ACCEPTED_TYPES.has(rule.type))) return null;
  const grouped = storage.groupByPropertyName(rules);
  const plan = new Map<string, Property>();
  for (const [name, own] of Object.entries(grouped)) {
    const checks: Check[] = [];
    // class-validator runs IS_DEFINED before the other checks; an error from either refuses alike.
    for (const rule of [...own.filter((r) => r.type === ValidationTypes.IS_DEFINED), ...own.filter((r) => r.type === ValidationTypes.CUSTOM_VALIDATION)]) {
      for (const constraint of storage.getTargetValidatorConstraints(rule.constraintCls)) {
        if (constraint.async) return null;
        checks.push({ rule, constraint });
      }
    }
    plan.set(name, { conditions: own.filter((r) => r.type === ValidationTypes.CONDITIONAL_VALIDATION), checks });
  }
  return copiedAsIs(target, [...plan.keys()]) ? plan : null;
};

const isScalar = (value: unknown): boolean => value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/**
 * A body that certainly passes, as the instance the full path would return; undefined otherwise
 * (then the full path runs and reports every problem as it always did). For a flat DTO (scalar
 * fields, rules that are conditions and synchronous constraints only) and a JSON object whose every
 * key is a property of it with a scalar value: the instance is what plainToInstance makes of it
 * (`new target()`, the values copied), and each property's conditions and constraints are
 * class-validator's own, called as its executor calls them (the options of RequestValidationPipe:
 * whitelist and forbidNonWhitelisted, no groups, no skipping). Anything else falls through: a
 * refusal always comes from class-validator, with its messages. It saves the generic executor's
 * work per request (plainToInstance, the executor's error objects and filters: ~4% of the CPU of
 * a command).
 */
export const acceptedBody = (target: unknown, body: unknown): object | undefined => {
  if (typeof target !== 'function' || typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const storage = getMetadataStorage() as unknown as Storage;
  const rules = storage.getTargetValidationMetadatas(target, undefined, false, false, undefined);
  let plan = plans.get(rules);
  if (plan === undefined) plans.set(rules, (plan = planOf(storage, target, rules)));
  if (plan === null) return undefined;
  const plain = body as Record<string, unknown>;
  for (const key of Object.keys(plain)) if (!plan.has(key) || !isScalar(plain[key])) return undefined;
  const instance = new (target as new () => Record<string, unknown>)();
  for (const key of Object.keys(plain)) instance[key] = plain[key];
  // Own fields of the class without rules would be refused by whitelist.
  for (const key of Object.keys(instance)) if (!plan.has(key)) return undefined;
  for (const [name, property] of plan) {
    const value = instance[name];
    if (!property.conditions.map((rule) => (rule.constraints[0] as (o: object, v: unknown) => boolean)(instance, value)).reduce((a, b) => a && b, true)) continue;
    for (const { rule, constraint } of property.checks) {
      if (rule.validateIf !== undefined && !rule.validateIf(instance, value)) continue;
      const args: ValidationArguments = { targetName: target.name, property: rule.propertyName, object: instance, value, constraints: rule.constraints };
      const valid = constraint.instance.validate(value, args);
      if (valid instanceof Promise || !valid) return undefined;
    }
  }
  return instance;
};
