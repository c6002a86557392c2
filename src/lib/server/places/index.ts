/** Places: corporations, gemeenten, wijken, buurten (CBS codes), complexes and units; BAG addresses from PDOK. */
export * from './places';
export * from './codes';
export * from './locatieserver';
