/** Places: corporations, gemeenten, wijken, buurten (CBS codes), complexes and units. */
export * from './places';
export * from './codes';
