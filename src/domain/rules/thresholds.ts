/**
 * Threshold predicates in integer arithmetic, never floats (domain-rules.md §0).
 * D-1: "以上" includes the number itself (>=), "超过" excludes it (>). D-2: "过半数" is 2*x > n.
 */

/** "过半数" (D-2): strictly more than half. */
export const moreThanHalf = (x: number, n: number): boolean => 2 * x > n;

/** "num/den 以上" (D-1): at least the fraction, the boundary included: den*x >= num*n. */
export const atLeastFraction = (x: number, n: number, num: number, den: number): boolean => den * x >= num * n;

/** "超过 num/den" (D-1): strictly more than the fraction: den*x > num*n (EL-4). */
export const moreThanFraction = (x: number, n: number, num: number, den: number): boolean => den * x > num * n;

/** Smallest count that satisfies "num/den 以上" of n: ceil(num*n/den), in integers. */
export const minimumForFraction = (n: number, num: number, den: number): number => Math.floor((num * n + den - 1) / den);

/** Smallest count that is "过半数" of n: floor(n/2) + 1. */
export const minimumForMajority = (n: number): number => Math.floor(n / 2) + 1;

export const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;
