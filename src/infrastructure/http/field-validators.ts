import { ValidateBy, buildMessage, type ValidationOptions } from 'class-validator';
import { isInstantWithOffset, isPlainDate, personalDataInRef } from '../../domain/shared';

/**
 * The field checks every DTO shares, so a date or a person reference means the same on every
 * route: a date is a real calendar date ("2026-02-30" is refused, never rolled over), an instant
 * has a real date and an offset, and a reference never carries a phone or ID-card number.
 */
export const PLAIN_DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
export const REF_SHAPE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export const isRef = (value: unknown): boolean => typeof value === 'string' && REF_SHAPE.test(value) && personalDataInRef(value) === null;

/** A real calendar date written YYYY-MM-DD. */
export const IsPlainDate = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    { name: 'isPlainDate', validator: { validate: (value) => isPlainDate(value), defaultMessage: buildMessage((each) => `${each}$property must be a real calendar date YYYY-MM-DD`, options) } },
    options,
  );

/** An ISO 8601 date-time with an explicit offset whose date exists. */
export const IsInstant = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    { name: 'isInstant', validator: { validate: isInstantWithOffset, defaultMessage: buildMessage((each) => `${each}$property must be an ISO 8601 date-time with offset and a real date`, options) } },
    options,
  );

/** A reference (letters, digits, . _ : -) that is not a phone or resident ID number in disguise. */
export const IsRef = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isRef',
      validator: {
        validate: isRef,
        defaultMessage: buildMessage((each) => `${each}$property must be a reference (letters, digits, . _ : -), never a phone or ID-card number`, options),
      },
    },
    options,
  );
