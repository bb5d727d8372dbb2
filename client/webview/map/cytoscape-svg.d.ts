// cytoscape-svg ships no types: it is a Cytoscape.js extension that adds `cy.svg(options)`.
declare module 'cytoscape-svg' {
  const extension: (cy: typeof import('cytoscape')) => void;
  export default extension;
}
